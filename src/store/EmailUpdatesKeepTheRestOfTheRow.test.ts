import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { email, thread, uniqueDbName } from '../../testing/records.ts';

const A = 'acct';
let db: MailDb;
afterEach(() => db?.close());

describe('email updates (keywords and mailboxes only)', () => {
  it('merge into the stored row, move its thread rows, and report emails the mirror lacks', async () => {
    db = new MailDb(uniqueDbName('updates'));
    const cache = new DexieSyncCache(db);
    await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 100)] }, threads: { put: [thread(A, 'T', ['e1'])] } });
    const result = await cache.apply(A, {
      emails: {
        update: [
          { id: 'e1', mailboxIds: { archive: true }, keywords: { $seen: true }, gen: 3 },
          { id: 'unknown', mailboxIds: { inbox: true }, keywords: {}, gen: 3 },
        ],
      },
      states: { Email: 's2' },
    });
    expect(result.missingEmails).toEqual(['unknown']);
    const row = await db.emails.get([A, 'e1']);
    expect(row).toMatchObject({ subject: 'Subject e1', mailboxIds: { archive: true }, keywords: { $seen: true }, gen: 3, receivedMs: 100 });
    expect(await db.emails.get([A, 'unknown'])).toBeUndefined();
    expect((await db.threadInMailbox.toArray()).map((r) => r.mailboxId)).toEqual(['archive']);
    expect(await cache.getStates(A)).toEqual({ Email: 's2' });
  });
});
