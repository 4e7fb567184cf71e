/**
 * Acceptance 4: with a small maxChanges the server answers /changes in pieces
 * (hasMoreChanges); the engine loops, one request per piece, storing each piece's state
 * with its data, until it has everything — and converges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { SyncEngine } from './engine.ts';
import { expectMirrorMatchesServer } from './testkit/compare.ts';
import { openMirror, type Mirror } from './testkit/mirror.ts';
import { backend, connectCounting, roles } from './testkit/server.ts';
import { ensureSeeded } from './testkit/seed.ts';

let other: JmapClient;
let mirror: Mirror;

beforeAll(async () => {
  other = (await connectCounting('bob')).client;
  await ensureSeeded(other, 'sync-seed-bob-80', 80, backend().users.bob.email);
}, 120_000);
afterAll(() => mirror?.db.close());

describe('hasMoreChanges', () => {
  it('loops with maxChanges 3 over 24 changed emails and converges', async () => {
    const { client, calls } = await connectCounting('bob');
    mirror = openMirror('more-changes');
    expect(await new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] }).syncNow()).toEqual({ ok: true });

    const r = await roles(other);
    const ids = (await other.call('Email/query', { filter: { inMailbox: r.inbox! }, limit: 24 })).ids;
    expect(ids.length).toBe(24);
    // One real change per email (a keyword no earlier run set), in separate requests so
    // each gets its own place in the log; half also move to Archive.
    const keyword = `synctest${Date.now()}`;
    for (const [i, id] of ids.entries()) {
      const patch = i % 2 ? { [`keywords/${keyword}`]: true } : { [`keywords/${keyword}`]: true, mailboxIds: { [r.archive!]: true } };
      const res = await other.call('Email/set', { update: { [id]: patch } });
      expect(Object.keys(res.updated ?? {})).toEqual([id]);
    }

    let rounds = 0;
    const before = calls.api;
    const result = await new SyncEngine({
      client,
      cache: mirror.cache,
      push: false,
      offlineRoles: [],
      maxChanges: 3,
      onEvent: (e) => {
        if (e.type === 'delta') rounds += (e.detail as { rounds: number }).rounds;
      },
    }).syncNow();
    expect(result).toEqual({ ok: true });
    // 24 emails in pieces of at most 3: at least 8 rounds, each a single request.
    expect(rounds).toBeGreaterThanOrEqual(8);
    expect(calls.api - before).toBe(rounds);
    await expectMirrorMatchesServer(mirror, client);
  }, 120_000);
});
