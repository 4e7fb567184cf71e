/**
 * A message list the person opens beyond the Inbox's first page (another mailbox, more
 * pages) becomes a cached query: loadQuery fetches it, and every later delta keeps it
 * equal to the server's answer through Email/queryChanges — or, on a server that cannot
 * calculate query changes (Apache James; the demo's james profile), by querying again
 * in the same single request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { SyncEngine } from './engine.ts';
import { mailboxThreadsQuery, queryKey } from './queryKey.ts';
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

describe('a mailbox opened by the person', () => {
  it('is cached on demand, grows by pages, and stays equal to the server after changes', async () => {
    const { client, calls } = await connectCounting('bob');
    mirror = openMirror('opened-mailbox');
    const engine = new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] });
    expect(await engine.syncNow()).toEqual({ ok: true });
    const r = await roles(other);
    const archive = mailboxThreadsQuery(r.archive!);
    await engine.loadQuery(archive, 5);
    const key = queryKey(archive);
    const first = (await mirror.cache.getQueries(client.accountId)).find((q) => q.key === key)!;
    expect(first.ids.length).toBe(5);
    await engine.loadQuery(archive, 12);
    const grown = (await mirror.cache.getQueries(client.accountId)).find((q) => q.key === key)!;
    expect(grown.ids.slice(0, 5)).toEqual(first.ids);
    expect(grown.ids.length).toBe(12);
    await expectMirrorMatchesServer(mirror, client);

    // Mail moves into and out of the Archive, and gets flagged, elsewhere.
    const inInbox = (await other.call('Email/query', { filter: { inMailbox: r.inbox! }, limit: 2 })).ids;
    const inArchive = (
      await other.call('Email/query', {
        filter: { inMailbox: r.archive! },
        sort: [{ property: 'receivedAt', isAscending: false }],
        limit: 2,
      })
    ).ids;
    await other.call('Email/set', {
      update: Object.fromEntries([
        ...inInbox.map((id) => [id, { mailboxIds: { [r.archive!]: true } }]),
        ...inArchive.map((id) => [id, { mailboxIds: { [r.inbox!]: true } }]),
      ]),
    });
    const before = calls.api;
    // As after a push (a poll asks what changed first: one request more).
    expect(await engine.syncNow('push')).toEqual({ ok: true });
    expect(calls.api - before).toBe(1);
    await expectMirrorMatchesServer(mirror, client);
  }, 60_000);
});
