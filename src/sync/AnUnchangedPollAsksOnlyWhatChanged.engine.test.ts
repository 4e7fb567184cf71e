/**
 * Issue 11: a reload (or a poll, a focus) when nothing changed costs one small request.
 * Without a push saying what changed, the delta's first round asks only the /changes
 * (and /queryChanges); the objects they name are fetched in a second request of the same
 * round. Most polls find nothing, so the common request is the small one; a push-started
 * delta still chains everything in one (FirstSyncOf2000MirrorsTheServer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { SyncEngine } from './engine.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';
import { roles } from '../../testing/roles.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';

let other: JmapClient;
let mirror: Mirror;

beforeAll(async () => {
  other = (await connectCounting('bob')).client;
  await ensureSeeded(other, 'sync-seed-bob-80', 80, backend().users.bob.email);
}, 120_000);
afterAll(() => mirror?.db.close());

describe('a poll', () => {
  it('asks only what changed when nothing did, and fetches what did in one more request', async () => {
    const { client, calls } = await connectCounting('bob');
    mirror = openMirror('lean-poll');
    const engine = new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] });
    expect(await engine.syncNow()).toEqual({ ok: true });

    let before = calls.requests.length;
    expect(await engine.syncNow('poll')).toEqual({ ok: true });
    const unchanged = calls.requests.slice(before);
    expect(unchanged.length).toBe(1);
    // The three types' /changes, and the Inbox page's query changes: nothing fetched. A
    // server that cannot calculate query changes (James) has the page queried again.
    const [probe] = unchanged;
    const requery = probe!.methods.at(-1) === 'Email/query';
    expect(probe!.methods).toEqual(['Mailbox/changes', 'Thread/changes', 'Email/changes', requery ? 'Email/query' : 'Email/queryChanges']);
    // 1 KB each way, the budget for an unchanged reload (bodies; headers aside);
    // a page queried again answers its ids, which a 1 KB budget cannot hold.
    expect(probe!.bytesOut).toBeLessThanOrEqual(1024);
    if (!requery) expect(probe!.bytesIn).toBeLessThanOrEqual(1024);

    // Another client moves one message and flags another: the poll asks, then fetches
    // exactly what the changes named, and the mirror equals the server.
    const r = await roles(other);
    const ids = (await other.call('Email/query', { filter: { inMailbox: r.inbox! }, limit: 2 })).ids;
    await other.call('Email/set', {
      update: { [ids[0]!]: { mailboxIds: { [r.archive!]: true } }, [ids[1]!]: { 'keywords/$flagged': true } },
    });
    before = calls.requests.length;
    expect(await engine.syncNow('poll')).toEqual({ ok: true });
    const changed = calls.requests.slice(before);
    expect(changed.length).toBe(2);
    expect(changed[0]!.methods.every((m) => m.endsWith('/changes') || m.endsWith('/queryChanges') || m === 'Email/query')).toBe(true);
    expect(changed[1]!.methods.every((m) => m.endsWith('/get'))).toBe(true);
    expect(changed[1]!.methods).toContain('Email/get');
    await expectMirrorMatchesServer(mirror, client);
  }, 120_000);
});
