import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, rawMessage, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

/**
 * Property test: after any mix of deliveries, flag changes, moves and destroys, applying
 * Email/queryChanges (remove `removed`, then insert `added` by index) to the old results
 * gives exactly the new results, for plain, filtered and thread-collapsed queries.
 */
describe('Email/queryChanges rebuilds the new results from the old ones', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('holds over 60 random changes', async () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const inbox = await server.mailboxId('inbox');
    const archive = await server.mailboxId('archive');
    const queries: JsonObject[] = [
      { filter: { inMailbox: inbox }, sort: [{ property: 'receivedAt', isAscending: false }] },
      { filter: { inMailbox: inbox }, sort: [{ property: 'receivedAt', isAscending: false }], collapseThreads: true },
      { filter: { notKeyword: '$seen' }, sort: [{ property: 'subject' }] },
      { sort: [{ property: 'size', isAscending: false }], collapseThreads: true },
    ];
    const cached = await Promise.all(
      queries.map(async (q) => {
        const r = await server.one('Email/query', q);
        return { ids: r.ids as string[], state: r.queryState as string };
      }),
    );
    const ids: string[] = [];
    const threadRoots: string[] = [];
    for (let step = 0; step < 60; step++) {
      const roll = rnd();
      if (roll < 0.35 || ids.length < 3) {
        const root = threadRoots.length && rnd() < 0.5 ? threadRoots[Math.floor(rnd() * threadRoots.length)] : undefined;
        const mid = `m${step}@test`;
        const { emailId } = await deliver(
          server,
          'alice',
          rawMessage({
            subject: `s${Math.floor(rnd() * 5)}`,
            messageId: mid,
            inReplyTo: root,
            body: 'x'.repeat(Math.floor(rnd() * 200)),
            date: new Date(Date.UTC(2026, 0, 1 + step)).toUTCString(),
          }),
        );
        ids.push(emailId);
        if (!root) threadRoots.push(mid);
      } else {
        const id = ids[Math.floor(rnd() * ids.length)]!;
        const kind = rnd();
        if (kind < 0.4) await server.one('Email/set', { update: { [id]: { 'keywords/$seen': rnd() < 0.5 ? true : null } } });
        else if (kind < 0.75)
          await server.one('Email/set', { update: { [id]: { mailboxIds: { [rnd() < 0.5 ? inbox : archive]: true } } } });
        else {
          await server.one('Email/set', { destroy: [id] });
          ids.splice(ids.indexOf(id), 1);
        }
      }
      if (step % 3 !== 2) continue;
      for (let qi = 0; qi < queries.length; qi++) {
        const q = queries[qi]!;
        const c = cached[qi]!;
        const changes = await server.one('Email/queryChanges', { ...q, sinceQueryState: c.state });
        const fresh = await server.one('Email/query', q);
        const removed = new Set(changes.removed as string[]);
        const next = c.ids.filter((x) => !removed.has(x));
        for (const a of changes.added as { id: string; index: number }[]) next.splice(a.index, 0, a.id);
        expect(next, `query ${qi} at step ${step}`).toEqual(fresh.ids);
        expect(changes.newQueryState).toBe(fresh.queryState);
        cached[qi] = { ids: fresh.ids as string[], state: fresh.queryState as string };
      }
    }
  });

  it('answers tooManyChanges over maxChanges, and cannotCalculateChanges for an unknown state', async () => {
    const q = await server.one('Email/query', {});
    for (let i = 0; i < 3; i++) await deliver(server, 'alice', rawMessage());
    const r = await server.call([
      ['Email/queryChanges', { accountId: server.accountId(), sinceQueryState: q.queryState as string, maxChanges: 2 }, 'q'],
    ]);
    expect(r.methodResponses[0]![1]).toMatchObject({ type: 'tooManyChanges' });
    const bad = await server.call([['Email/queryChanges', { accountId: server.accountId(), sinceQueryState: 'nonsense' }, 'q']]);
    expect(bad.methodResponses[0]![1]).toMatchObject({ type: 'cannotCalculateChanges' });
  });
});
