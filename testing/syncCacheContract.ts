/**
 * The SyncCache contract (cache.ts and CONTEXT.md, "Invariants"), as scenarios any
 * implementation must pass. Observed only through the interface, so the same tests run
 * against MemorySyncCache (MemoryCacheKeepsTheCacheContract.test.ts) and src/store's
 * DexieSyncCache (src/store/DexieCacheKeepsTheCacheContract.test.ts). A scenario that
 * passes for one cache and fails for the other is a bug in one of them.
 *
 * Emails are seen through `emailsInWindow` (since 0, over the test's mailboxes), which in
 * the Dexie cache reads the derived threadInMailbox rows: the window is also how these
 * tests check that those rows follow the emails.
 */
import { describe, expect, it } from 'vitest';
import type { BodyRecord, CachePatch, EmailRecord, SyncCache, SyncProgress, SyncStatus } from '../src/sync/cache.ts';
import { body, email, mailbox, thread } from './records.ts';

const A = 'acct-a';
const B = 'acct-b';
const BOXES = ['inbox', 'archive', 'sent'];

function progress(accountId: string, gen: number, anchorId: string | null, position: number): SyncProgress {
  return {
    accountId,
    gen,
    listing: { state: 'running', anchorId, position, total: 100, startedAt: 1, finishedAt: null },
    bodies: { state: 'pending', done: 0, total: 0, bytes: 0, budgetBytes: 1000, finishedAt: null },
  };
}

const definition = { filter: { inMailbox: 'inbox' }, sort: [{ property: 'receivedAt', isAscending: false }], collapseThreads: true };

function replace(key: string, ids: string[], queryState = 'q1'): NonNullable<CachePatch['queries']>[number] {
  return { kind: 'replace', key, definition, ids, queryState, canCalculateChanges: true, total: ids.length };
}

/** The account's emails as the window sees them: [id, receivedMs, hasBody], newest first. */
async function windowOf(cache: SyncCache, accountId = A, mailboxIds = BOXES, sinceMs = 0): Promise<[string, number, boolean][]> {
  return (await cache.emailsInWindow(accountId, mailboxIds, sinceMs)).map((e) => [e.id, e.receivedMs, e.hasBody]);
}

async function idsInWindow(cache: SyncCache, accountId = A, mailboxIds = BOXES, sinceMs = 0): Promise<string[]> {
  return (await windowOf(cache, accountId, mailboxIds, sinceMs)).map(([id]) => id);
}

async function queryIds(cache: SyncCache, accountId = A): Promise<Record<string, string[]>> {
  return Object.fromEntries((await cache.getQueries(accountId)).map((q) => [q.key, q.ids]));
}

/** Everything the interface can read about an account, to compare before and after (a deep copy). */
async function everything(cache: SyncCache, accountId = A) {
  return structuredClone({
    states: await cache.getStates(accountId),
    queries: (await cache.getQueries(accountId)).map(({ updatedAt: _u, ...q }) => q),
    progress: await cache.getProgress(accountId),
    mailboxes: await cache.getMailboxes(accountId),
    window: await windowOf(cache, accountId),
    bodyBytes: await cache.bodyBytes(accountId),
    status: await cache.getStatus(accountId),
  });
}

/** A patch writing two emails in one thread, their thread, a body, a query, a state and progress. */
function seedPatch(accountId = A): CachePatch {
  return {
    mailboxes: { put: [mailbox(accountId, 'inbox', 2)] },
    emails: { put: [email(accountId, 'e1', 'T1', ['inbox'], 100), email(accountId, 'e2', 'T1', ['inbox'], 200)] },
    threads: { put: [thread(accountId, 'T1', ['e1', 'e2'])] },
    bodies: { put: [body(accountId, 'e1', 100, 40)] },
    queries: [replace('inbox', ['e2'])],
    states: { Email: 's1', Thread: 't1', Mailbox: 'm1' },
    progress: progress(accountId, 1, 'e1', 2),
  };
}

export function runSyncCacheContract(name: string, makeCache: () => SyncCache): void {
  describe(`${name} keeps the SyncCache contract`, () => {
    describe('apply is atomic', () => {
      const breakages: [string, (p: CachePatch) => CachePatch][] = [
        // IndexedDB cannot key it: the transaction fails among the email writes.
        [
          'an email without an id',
          (p) => ({
            ...p,
            emails: {
              ...p.emails,
              put: [...(p.emails?.put ?? []), { ...email(A, 'x', 'T9', ['inbox'], 9), id: undefined } as unknown as EmailRecord],
            },
          }),
        ],
        // IndexedDB cannot clone it: the transaction fails at its very last write.
        [
          'a progress that cannot be stored',
          (p) => ({ ...p, progress: { ...progress(A, 2, 'e3', 3), cannotClone: () => 1 } as unknown as SyncProgress }),
        ],
      ];
      it.each(breakages)('stores nothing of a patch, not even its states, when %s makes it fail', async (_what, breakIt) => {
        const cache = makeCache();
        await cache.apply(A, seedPatch());
        const before = await everything(cache);
        const patch: CachePatch = {
          mailboxes: { put: [mailbox(A, 'archive', 1)], replaceAll: true },
          emails: {
            put: [email(A, 'e3', 'T3', ['inbox'], 300)],
            update: [{ id: 'e2', mailboxIds: { archive: true }, keywords: { $seen: true }, gen: 2 }],
            remove: ['e1'],
          },
          threads: { put: [thread(A, 'T3', ['e3'])], remove: ['T1'] },
          bodies: { put: [body(A, 'e3', 300, 70)] },
          queries: [replace('inbox', ['e3']), replace('other', ['e2'])],
          states: { Email: 's2', Thread: null, Mailbox: 'm2' },
          progress: progress(A, 1, 'e3', 3),
        };
        await expect(cache.apply(A, breakIt(patch))).rejects.toThrow();
        expect(await everything(cache)).toEqual(before);
        // The same patch without the fault goes through whole.
        await cache.apply(A, patch);
        expect(await cache.getStates(A)).toEqual({ Email: 's2', Mailbox: 'm2' });
        expect(await windowOf(cache)).toEqual([
          ['e3', 300, true],
          ['e2', 200, false],
        ]);
      });
    });

    describe('states are written with their data', () => {
      it('stores each state of a patch, leaves unnamed types alone and deletes a state set to null', async () => {
        const cache = makeCache();
        expect(await cache.getStates(A)).toEqual({});
        await cache.apply(A, { states: { Email: 's1', Thread: 't1' } });
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T1', ['inbox'], 1)] }, states: { Email: 's2', Mailbox: 'm1' } });
        expect(await cache.getStates(A)).toEqual({ Email: 's2', Thread: 't1', Mailbox: 'm1' });
        await cache.apply(A, { states: { Thread: null, Email: undefined } });
        expect(await cache.getStates(A)).toEqual({ Email: 's2', Mailbox: 'm1' });
        expect(await cache.getStates(B)).toEqual({});
      });
    });

    describe('mailboxes', () => {
      it('keeps the server counts as sent, removes named mailboxes and replaces the whole list when asked', async () => {
        const cache = makeCache();
        await cache.apply(A, { mailboxes: { put: [mailbox(A, 'm1', 5), mailbox(A, 'm2', 7), mailbox(A, 'm4', 1)] } });
        await cache.apply(A, { mailboxes: { remove: ['m4'] } });
        const counts = async () => Object.fromEntries((await cache.getMailboxes(A)).map((m) => [m.id, m.totalEmails]));
        expect(await counts()).toEqual({ m1: 5, m2: 7 });
        // Emails written or removed never change a mailbox's counts: only the server's do.
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T1', ['m1'], 1)] } });
        expect(await counts()).toEqual({ m1: 5, m2: 7 });
        await cache.apply(A, { mailboxes: { put: [mailbox(A, 'm2', 8), mailbox(A, 'm3', 0)], replaceAll: true } });
        expect(await counts()).toEqual({ m2: 8, m3: 0 });
        expect((await cache.getMailboxes(A)).every((m) => m.accountId === A)).toBe(true);
      });
    });

    describe('emails', () => {
      it('merges an update into the stored row, moves it between mailboxes and reports emails the mirror lacks', async () => {
        const cache = makeCache();
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 100)] }, threads: { put: [thread(A, 'T', ['e1'])] } });
        const result = await cache.apply(A, {
          emails: {
            update: [
              { id: 'e1', mailboxIds: { archive: true }, keywords: { $seen: true }, gen: 3 },
              { id: 'unknown', mailboxIds: { inbox: true }, keywords: {}, gen: 3 },
            ],
          },
        });
        expect(result.missingEmails).toEqual(['unknown']);
        expect(await idsInWindow(cache, A, ['inbox'])).toEqual([]);
        // receivedMs (the rest of the row) is kept; the unknown email was not created.
        expect(await windowOf(cache, A, ['archive'])).toEqual([['e1', 100, false]]);
        expect(await idsInWindow(cache)).toEqual(['e1']);
        expect(
          (await cache.apply(A, { emails: { update: [{ id: 'e1', mailboxIds: { inbox: true }, keywords: {}, gen: 3 }] } })).missingEmails,
        ).toEqual([]);
        expect(await idsInWindow(cache, A, ['inbox'])).toEqual(['e1']);
      });

      it('reports an update of an email removed in the same patch as missing', async () => {
        const cache = makeCache();
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 100)] } });
        const result = await cache.apply(A, {
          emails: { remove: ['e1'], update: [{ id: 'e1', mailboxIds: { inbox: true }, keywords: {}, gen: 2 }] },
        });
        expect(result.missingEmails).toEqual(['e1']);
        expect(await idsInWindow(cache)).toEqual([]);
      });

      it('keeps an email in its mailboxes whatever its thread record lists, until the email itself goes', async () => {
        const cache = makeCache();
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 100)] }, threads: { put: [thread(A, 'T', ['e1'])] } });
        // The server reported the new email before its thread (different rounds of changes).
        await cache.apply(A, { emails: { put: [email(A, 'e9', 'T', ['inbox'], 900)] } });
        expect(await idsInWindow(cache)).toEqual(['e9', 'e1']);
        // The thread is rewritten from an answer that does not list e9 yet.
        await cache.apply(A, { threads: { put: [thread(A, 'T', ['e1'])] } });
        expect(await idsInWindow(cache)).toEqual(['e9', 'e1']);
        // A thread record removed before its emails: they stay until they are removed too.
        await cache.apply(A, { threads: { remove: ['T'] } });
        expect(await idsInWindow(cache)).toEqual(['e9', 'e1']);
        await cache.apply(A, { emails: { remove: ['e9'] } });
        expect(await idsInWindow(cache)).toEqual(['e1']);
        // A thread listing an email the mirror does not hold does not make it appear.
        await cache.apply(A, { threads: { put: [thread(A, 'T', ['e1', 'ghost'])] } });
        expect(await idsInWindow(cache)).toEqual(['e1']);
      });
    });

    describe('queries and their splices', () => {
      it('replaces, splices (keeping the total when the server gives none) and drops cached queries', async () => {
        const cache = makeCache();
        await cache.apply(A, { queries: [replace('q1', ['a', 'b', 'c'], 'q:1'), replace('q2', ['x'], 'q:1')] });
        const [q1] = (await cache.getQueries(A)).filter((q) => q.key === 'q1');
        expect(q1).toMatchObject({
          accountId: A,
          key: 'q1',
          definition,
          ids: ['a', 'b', 'c'],
          queryState: 'q:1',
          canCalculateChanges: true,
          total: 3,
        });
        await cache.apply(A, {
          queries: [
            {
              kind: 'splice',
              key: 'q1',
              removed: ['a', 'c'],
              added: [
                { id: 'n', index: 0 },
                { id: 'c', index: 2 },
                { id: 'far', index: 9 },
              ],
              queryState: 'q:2',
              total: null,
            },
            { kind: 'drop', key: 'q2' },
            // Nobody caches q3: there is nothing to splice, and it is not created.
            { kind: 'splice', key: 'q3', removed: [], added: [{ id: 'z', index: 0 }], queryState: 'q:2', total: 1 },
          ],
        });
        const queries = await cache.getQueries(A);
        expect(queries.map((q) => q.key)).toEqual(['q1']);
        // 'far' lies beyond the cached prefix; c moved (removed and added back).
        expect(queries[0]).toMatchObject({ ids: ['n', 'b', 'c'], queryState: 'q:2', total: 3 });
        await cache.apply(A, { queries: [{ kind: 'splice', key: 'q1', removed: ['b'], added: [], queryState: 'q:3', total: 7 }] });
        expect((await cache.getQueries(A))[0]).toMatchObject({ ids: ['n', 'c'], queryState: 'q:3', total: 7 });
        expect(await cache.getQueries(B)).toEqual([]);
      });

      it('removes a destroyed email from every cached query in the same patch, whatever the patch says of them', async () => {
        const cache = makeCache();
        await cache.apply(A, {
          queries: [replace('q1', ['a', 'b', 'c']), replace('q2', ['c', 'd']), replace('q3', ['d']), replace('q4', ['a', 'c', 'b'])],
        });
        await cache.apply(A, {
          emails: { remove: ['c'] },
          queries: [
            { kind: 'splice', key: 'q1', removed: ['a'], added: [{ id: 'n', index: 0 }], queryState: 'q:2', total: 2 },
            // The server's indexes count its results, which no longer hold c (it did not report c removed).
            { kind: 'splice', key: 'q4', removed: [], added: [{ id: 'n', index: 2 }], queryState: 'q:2', total: 3 },
            // An answer that still lists the destroyed email (Cyrus after cyr_expire says nothing was removed).
            replace('q3', ['c', 'd']),
          ],
        });
        expect(await queryIds(cache)).toEqual({ q1: ['n', 'b'], q2: ['d'], q3: ['d'], q4: ['a', 'b', 'n'] });
        expect((await cache.getQueries(A)).find((q) => q.key === 'q2')).toMatchObject({ queryState: 'q1' });
      });
    });

    describe('progress', () => {
      it('is read back as the last patch wrote it, for its account only', async () => {
        const cache = makeCache();
        expect(await cache.getProgress(A)).toBeUndefined();
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T1', ['inbox'], 1)] }, progress: progress(A, 1, 'e1', 1) });
        await cache.apply(A, { emails: { put: [email(A, 'e2', 'T2', ['inbox'], 2)] }, progress: progress(A, 1, 'e2', 2) });
        // A patch without progress leaves it alone.
        await cache.apply(A, { states: { Email: 's' } });
        expect(await cache.getProgress(A)).toEqual(progress(A, 1, 'e2', 2));
        expect(await cache.getProgress(B)).toBeUndefined();
      });
    });

    describe('sweep by generation', () => {
      it('deletes the emails and threads an older generation wrote, with their bodies and query entries', async () => {
        const cache = makeCache();
        await cache.apply(A, {
          emails: {
            put: [
              email(A, 'old', 'T1', ['inbox'], 1, 1),
              email(A, 'kept', 'T2', ['inbox'], 2, 2),
              email(A, 'newer', 'T3', ['archive'], 3, 3),
            ],
          },
          threads: {
            put: [thread(A, 'T1', ['old'], 1), thread(A, 'T2', ['kept'], 2), thread(A, 'T3', ['newer'], 3), thread(A, 'Tempty', [], 1)],
          },
          bodies: { put: [body(A, 'old', 1, 100), body(A, 'kept', 2, 50)] },
          queries: [replace('q', ['kept', 'old', 'newer'])],
          states: { Email: 's' },
          progress: progress(A, 2, null, 0),
        });
        await cache.apply(B, { emails: { put: [email(B, 'old', 'T1', ['inbox'], 1, 1)] } });
        expect(await cache.bodyBytes(A)).toBe(150);
        expect(await cache.sweep(A, 2)).toEqual({ emails: 1, threads: 2 });
        expect(await windowOf(cache)).toEqual([
          ['newer', 3, false],
          ['kept', 2, true],
        ]);
        expect(await queryIds(cache)).toEqual({ q: ['kept', 'newer'] });
        expect(await cache.bodyBytes(A)).toBe(50);
        expect(await cache.getStates(A)).toEqual({ Email: 's' });
        expect(await cache.getProgress(A)).toEqual(progress(A, 2, null, 0));
        expect(await idsInWindow(cache, B)).toEqual(['old']);
        expect(await cache.sweep(A, 2)).toEqual({ emails: 0, threads: 0 });
      });

      it('keeps an email the new generation saw even when its thread record is swept', async () => {
        const cache = makeCache();
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 1, 2)] }, threads: { put: [thread(A, 'T', ['e1'], 1)] } });
        expect(await cache.sweep(A, 2)).toEqual({ emails: 0, threads: 1 });
        expect(await idsInWindow(cache)).toEqual(['e1']);
      });
    });

    describe('the offline window', () => {
      it('lists the emails of the given mailboxes received at or after the start, newest first, each once', async () => {
        const cache = makeCache();
        await cache.apply(A, {
          emails: {
            put: [
              email(A, 'a', 'T1', ['inbox'], 100),
              email(A, 'b', 'T1', ['inbox', 'sent'], 300),
              email(A, 'c', 'T2', ['sent'], 200),
              email(A, 'd', 'T3', ['archive'], 400),
              email(A, 'e', 'T4', ['inbox'], 50),
              email(A, 'f', 'T2', ['inbox'], 250),
            ],
          },
          threads: { put: [thread(A, 'T1', ['a', 'b']), thread(A, 'T2', ['c', 'f']), thread(A, 'T3', ['d']), thread(A, 'T4', ['e'])] },
          bodies: { put: [body(A, 'c', 200, 10)] },
        });
        await cache.apply(B, { emails: { put: [email(B, 'z', 'T1', ['inbox'], 500)] } });
        expect(await windowOf(cache, A, ['inbox', 'sent'], 100)).toEqual([
          ['b', 300, false],
          ['f', 250, false],
          ['c', 200, true],
          ['a', 100, false],
        ]);
        expect(await idsInWindow(cache, A, ['inbox'], 0)).toEqual(['b', 'f', 'a', 'e']);
        // Only the email newer than the start counts, not its whole thread (a is older).
        expect(await idsInWindow(cache, A, ['inbox'], 101)).toEqual(['b', 'f']);
        expect(await idsInWindow(cache, A, [], 0)).toEqual([]);
        expect(await idsInWindow(cache, A, ['nowhere'], 0)).toEqual([]);
      });
    });

    describe('bodies and their running total', () => {
      it('stores a body only while its email is in the mirror and counts each body once', async () => {
        const cache = makeCache();
        await cache.apply(A, { emails: { put: ['a', 'b', 'c'].map((id, i) => email(A, id, `T${id}`, ['inbox'], i + 1)) } });
        // A body for an email the mirror does not hold (destroyed meanwhile) is dropped.
        await cache.apply(A, {
          bodies: { put: [body(A, 'a', 1, 400), body(A, 'b', 2, 400), body(A, 'c', 3, 400), body(A, 'gone', 4, 999)] },
        });
        expect(await cache.bodyBytes(A)).toBe(1200);
        // Rewriting a body replaces its bytes rather than adding them twice.
        await cache.apply(A, { bodies: { put: [body(A, 'c', 3, 300)] } });
        expect(await cache.bodyBytes(A)).toBe(1100);
        // An email removed in the same patch as its body arrives keeps no body.
        await cache.apply(A, { emails: { remove: ['b'] }, bodies: { put: [body(A, 'b', 2, 500)] } });
        expect(await cache.bodyBytes(A)).toBe(700);
        // A body put with its email in one patch is kept.
        await cache.apply(A, { emails: { put: [email(A, 'd', 'Td', ['inbox'], 4)] }, bodies: { put: [body(A, 'd', 4, 5)] } });
        await cache.apply(A, { bodies: { remove: ['a', 'never'] } });
        expect(await cache.bodyBytes(A)).toBe(305);
        expect(await windowOf(cache)).toEqual([
          ['d', 4, true],
          ['c', 3, true],
          ['a', 1, false],
        ]);
        expect(await cache.bodyBytes(B)).toBe(0);
      });

      it('deletes the body of a removed email and takes its bytes off the total', async () => {
        const cache = makeCache();
        await cache.apply(A, seedPatch());
        await cache.apply(B, seedPatch(B));
        expect(await cache.bodyBytes(A)).toBe(40);
        await cache.apply(A, { emails: { remove: ['e1'] }, threads: { put: [thread(A, 'T1', ['e2'])] } });
        expect(await cache.bodyBytes(A)).toBe(0);
        // The email coming back does not bring its old body back.
        await cache.apply(A, { emails: { put: [email(A, 'e1', 'T1', ['inbox'], 100)] } });
        expect(await windowOf(cache)).toEqual([
          ['e2', 200, false],
          ['e1', 100, false],
        ]);
        expect(await cache.bodyBytes(B)).toBe(40);
      });
    });

    describe('eviction', () => {
      it('drops the oldest bodies until the budget holds and returns the bytes left', async () => {
        const cache = makeCache();
        // Written newest first, so the order of writing cannot pass for the order of age.
        const ids = ['d', 'c', 'b', 'a'];
        await cache.apply(A, {
          emails: { put: ids.map((id, i) => email(A, id, `T${id}`, ['inbox'], 40 - i * 10)) },
          bodies: { put: ids.map((id, i) => body(A, id, 40 - i * 10, 300)) },
        });
        await cache.apply(B, { emails: { put: [email(B, 'a', 'Ta', ['inbox'], 1)] }, bodies: { put: [body(B, 'a', 1, 999)] } });
        expect(await cache.bodyBytes(A)).toBe(1200);
        expect(await cache.evictBodies(A, 2000)).toBe(1200);
        expect(await cache.evictBodies(A, 1200)).toBe(1200);
        // Exactly at the budget is within it: nothing more goes.
        expect(await cache.evictBodies(A, 900)).toBe(900);
        expect(await cache.evictBodies(A, 700)).toBe(600);
        expect(await windowOf(cache)).toEqual([
          ['d', 40, true],
          ['c', 30, true],
          ['b', 20, false],
          ['a', 10, false],
        ]);
        expect(await cache.bodyBytes(A)).toBe(600);
        expect(await cache.evictBodies(A, 0)).toBe(0);
        expect((await windowOf(cache)).filter(([, , has]) => has)).toEqual([]);
        expect(await cache.bodyBytes(B)).toBe(999);
        expect(await cache.evictBodies(A, 0)).toBe(0);
      });
    });

    describe('status', () => {
      it('reads back the last status written for each account', async () => {
        const cache = makeCache();
        const status = (accountId: string, kind: SyncStatus['kind'], reason: string | null): SyncStatus => ({
          accountId,
          kind,
          reason,
          at: 5,
          lastSyncedAt: null,
          retryAt: null,
        });
        expect(await cache.getStatus(A)).toBeUndefined();
        await cache.setStatus(status(A, 'syncing', null));
        await cache.setStatus(status(B, 'offline', 'The network is unreachable.'));
        await cache.setStatus({ ...status(A, 'error', 'The server failed.'), retryAt: 9 });
        expect(await cache.getStatus(A)).toEqual({ ...status(A, 'error', 'The server failed.'), retryAt: 9 });
        expect(await cache.getStatus(B)).toEqual(status(B, 'offline', 'The network is unreachable.'));
      });
    });

    describe('stored records are copies', () => {
      it('is not changed by mutating what was written or what was read', async () => {
        const cache = makeCache();
        const patch = seedPatch();
        await cache.apply(A, patch);
        const before = await everything(cache);
        patch.emails!.put![0]!.mailboxIds.archive = true;
        patch.emails!.put![0]!.receivedMs = 999;
        const q = patch.queries![0]!;
        if (q.kind === 'replace') q.ids.push('x');
        patch.mailboxes!.put![0]!.totalEmails = 99;
        patch.progress!.listing.position = 99;
        (await cache.getQueries(A))[0]!.ids.push('y');
        (await cache.getMailboxes(A))[0]!.totalEmails = 98;
        (await cache.getProgress(A))!.listing.position = 98;
        const status: SyncStatus = { accountId: A, kind: 'idle', reason: null, at: 1, lastSyncedAt: null, retryAt: null };
        await cache.setStatus(status);
        status.kind = 'error';
        (await cache.getStatus(A))!.reason = 'changed';
        expect(await everything(cache)).toEqual({ ...before, status: { ...status, kind: 'idle' } });
      });
    });

    describe('attachment bytes', () => {
      const put = (cache: SyncCache, blobId: string, size: number) =>
        cache.putBlob(A, { blobId, type: 'text/plain', size, data: new Uint8Array(size).buffer });
      const tick = () => new Promise((r) => setTimeout(r, 3));
      it('keeps them in the order stored, counts them, and drops the oldest first over a budget', async () => {
        const cache = makeCache();
        await cache.apply(A, seedPatch(A));
        await put(cache, 'b1', 100);
        await tick();
        await put(cache, 'b2', 200);
        await tick();
        await put(cache, 'b3', 300);
        expect(await cache.blobIds(A)).toEqual(['b1', 'b2', 'b3']);
        expect(await cache.blobBytes(A)).toBe(600);
        expect(await cache.blobIds(B)).toEqual([]);
        expect(await cache.evictBlobs(A, 350)).toBe(300);
        expect(await cache.blobIds(A)).toEqual(['b3']);
        expect(await cache.removeBlobs(A, ['b3', 'never'])).toBe(300);
        expect(await cache.blobBytes(A)).toBe(0);
      });
      it('reads the attachment parts of stored bodies, and tells which emails have attachments', async () => {
        const cache = makeCache();
        await cache.apply(A, seedPatch(A));
        const withFile = {
          ...body(A, 'e1', 100, 40),
          attachments: [{ partId: '2', blobId: 'f1', size: 10, type: 'text/plain', name: 'a.txt' }],
        };
        await cache.apply(A, { bodies: { put: [withFile as BodyRecord] } });
        const found = await cache.attachmentsOf(A, ['e1', 'e2']);
        expect(found.map((f) => [f.emailId, f.parts.map((p) => p.blobId)])).toEqual([['e1', ['f1']]]);
        expect((await cache.emailsInWindow(A, BOXES, 0)).every((e) => typeof e.hasAttachment === 'boolean')).toBe(true);
      });
    });

    describe('accounts', () => {
      it("keeps each account apart: one account's patches, sweeps and evictions leave the other alone", async () => {
        const cache = makeCache();
        await cache.apply(A, seedPatch(A));
        await cache.apply(B, seedPatch(B));
        const other = await everything(cache, B);
        await cache.apply(A, {
          emails: { remove: ['e1', 'e2'] },
          mailboxes: { put: [], replaceAll: true },
          queries: [{ kind: 'drop', key: 'inbox' }],
          states: { Email: null },
        });
        await cache.sweep(A, 5);
        await cache.evictBodies(A, 0);
        expect(await everything(cache, B)).toEqual(other);
        expect(await idsInWindow(cache, A)).toEqual([]);
      });
    });
  });
}
