import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { body as recordBody, email, thread, uniqueDbName } from '../../testing/records.ts';

const A = 'acct';
let db: MailDb;
afterEach(() => db?.close());

const body = (emailId: string, receivedMs: number, bytes: number) => recordBody(A, emailId, receivedMs, bytes);

describe('sweep', () => {
  it('deletes emails and threads a newer listing did not see, with their rows, bodies and query entries', async () => {
    db = new MailDb(uniqueDbName('sweep'));
    const cache = new DexieSyncCache(db);
    await cache.apply(A, {
      emails: { put: [email(A, 'old', 'T1', ['inbox'], 1, 1), email(A, 'kept', 'T2', ['inbox'], 2, 2)] },
      threads: { put: [thread(A, 'T1', ['old'], 1), thread(A, 'T2', ['kept'], 2)] },
      bodies: { put: [body('old', 1, 100), body('kept', 2, 50)] },
      queries: [
        {
          kind: 'replace',
          key: 'q',
          definition: { filter: null, sort: [], collapseThreads: false },
          ids: ['kept', 'old'],
          queryState: 's',
          canCalculateChanges: true,
          total: 2,
        },
      ],
    });
    expect(await cache.bodyBytes(A)).toBe(150);
    expect(await cache.sweep(A, 2)).toEqual({ emails: 1, threads: 1 });
    expect((await db.emails.toArray()).map((e) => e.id)).toEqual(['kept']);
    expect((await db.threadInMailbox.toArray()).map((r) => r.threadId)).toEqual(['T2']);
    expect((await cache.getQueries(A))[0]!.ids).toEqual(['kept']);
    expect(await cache.bodyBytes(A)).toBe(50);
    expect(await cache.sweep(A, 2)).toEqual({ emails: 0, threads: 0 });
  });
});

describe('body eviction', () => {
  it('drops the oldest bodies until the budget holds and keeps the running total right', async () => {
    db = new MailDb(uniqueDbName('evict'));
    const cache = new DexieSyncCache(db);
    await cache.apply(A, { emails: { put: ['a', 'b', 'c'].map((id, i) => email(A, id, `T${id}`, ['inbox'], i + 1)) } });
    // A body for an email the mirror does not hold (destroyed meanwhile) is dropped.
    await cache.apply(A, { bodies: { put: [body('a', 1, 400), body('b', 2, 400), body('c', 3, 400), body('gone', 4, 999)] } });
    expect(await db.bodies.get([A, 'gone'])).toBeUndefined();
    // Rewriting a body replaces its bytes rather than adding them twice.
    await cache.apply(A, { bodies: { put: [body('c', 3, 300)] } });
    expect(await cache.bodyBytes(A)).toBe(1100);
    expect(await cache.evictBodies(A, 800)).toBe(700);
    expect((await db.bodies.toArray()).map((b) => b.emailId)).toEqual(['b', 'c']);
    expect(await cache.bodyBytes(A)).toBe(700);
    expect(await cache.evictBodies(A, 10_000)).toBe(700);
  });
});
