import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailRecord } from '../sync/cache.ts';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { email, thread, uniqueDbName } from '../../testing/records.ts';

const A = 'acct';
let db: MailDb;
afterEach(() => db?.close());

// The rest of apply's contract (queries, mailboxes, states...) is DexieCacheKeepsTheCacheContract.
describe('SyncCache.apply', () => {
  it('stores nothing, not even the new state, when any part of the patch fails', async () => {
    db = new MailDb(uniqueDbName('atomic'));
    const cache = new DexieSyncCache(db);
    await cache.apply(A, {
      emails: { put: [email(A, 'e1', 'T', ['inbox'], 1)] },
      threads: { put: [thread(A, 'T', ['e1'])] },
      states: { Email: 's1' },
    });
    // A record IndexedDB cannot key (no id) makes the transaction fail half-way through.
    const broken = { ...email(A, 'e3', 'T3', ['inbox'], 3), id: undefined } as unknown as EmailRecord;
    await expect(
      cache.apply(A, {
        emails: { put: [email(A, 'e2', 'T2', ['inbox'], 2), broken], remove: ['e1'] },
        states: { Email: 's2' },
      }),
    ).rejects.toThrow();
    expect(await cache.getStates(A)).toEqual({ Email: 's1' });
    expect((await db.emails.toArray()).map((e) => e.id)).toEqual(['e1']);
    expect(await db.threadInMailbox.count()).toBe(1);
  });
});
