import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailRecord } from '../sync/cache.ts';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { email, thread, uniqueDbName } from './testRecords.ts';

const A = 'acct';
let db: MailDb;
afterEach(() => db?.close());

describe('SyncCache.apply', () => {
  it('stores nothing, not even the new state, when any part of the patch fails', async () => {
    db = new MailDb(uniqueDbName('atomic'));
    const cache = new DexieSyncCache(db);
    await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 1)] }, threads: { put: [thread(A, 'T', ['e1'])] }, states: { Email: 's1' } });
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

  it('removes destroyed emails from every cached query and splices queryChanges', async () => {
    db = new MailDb(uniqueDbName('queries'));
    const cache = new DexieSyncCache(db);
    const definition = { filter: { inMailbox: 'inbox' }, sort: [{ property: 'receivedAt', isAscending: false }], collapseThreads: true };
    await cache.apply(A, {
      queries: [
        { kind: 'replace', key: 'q1', definition, ids: ['a', 'b', 'c'], queryState: 'q:1', canCalculateChanges: true, total: 3 },
        { kind: 'replace', key: 'q2', definition: { ...definition, collapseThreads: false }, ids: ['c', 'd'], queryState: 'q:1', canCalculateChanges: true, total: 2 },
      ],
    });
    await cache.apply(A, {
      emails: { remove: ['c'] },
      queries: [{ kind: 'splice', key: 'q1', removed: ['a'], added: [{ id: 'n', index: 0 }], queryState: 'q:2', total: 2 }],
    });
    const byKey = Object.fromEntries((await cache.getQueries(A)).map((q) => [q.key, q]));
    expect(byKey.q1).toMatchObject({ ids: ['n', 'b'], queryState: 'q:2', total: 2 });
    expect(byKey.q2).toMatchObject({ ids: ['d'], queryState: 'q:1' });
  });

  it('replaces the whole mailbox list when asked, keeping server counts as sent', async () => {
    db = new MailDb(uniqueDbName('mailboxes'));
    const cache = new DexieSyncCache(db);
    const mailbox = (id: string, total: number) => ({
      accountId: A, id, name: id, parentId: null, role: null, sortOrder: 0, totalEmails: total, unreadEmails: 0, totalThreads: total, unreadThreads: 0,
      myRights: { mayReadItems: true, mayAddItems: true, mayRemoveItems: true, maySetSeen: true, maySetKeywords: true, mayCreateChild: true, mayRename: true, mayDelete: true, maySubmit: true },
      isSubscribed: true,
    });
    await cache.apply(A, { mailboxes: { put: [mailbox('m1', 5), mailbox('m2', 7)] } });
    await cache.apply(A, { mailboxes: { put: [mailbox('m2', 8), mailbox('m3', 0)], replaceAll: true } });
    const got = (await cache.getMailboxes(A)).map((m) => [m.id, m.totalEmails]);
    expect(got).toEqual([['m2', 8], ['m3', 0]]);
  });
});
