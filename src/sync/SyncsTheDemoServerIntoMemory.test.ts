/**
 * The real SyncEngine against the demo server in this process, writing to the memory
 * cache: first sync, a delta after changes on the server, and a full resync after the
 * server lost its change history. Unit-fast (no IndexedDB, no other process); the engine
 * suites (*.engine.test.ts) run the same scenarios against real servers and the Dexie store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JmapClient } from '../jmap/index.ts';
// The demo server as an in-process test backend (an EXCEPTION in eslint.config.js).
import { DEMO_USERS } from '../../packages/demo-server/index.ts';
import { deliver, startTestServer, type TestServer } from '../../packages/demo-server/test-harness.ts';
import type { JsonObject } from '../../packages/demo-server/wire.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';
import { SyncEngine, type EngineEvent } from './engine.ts';
import { MemorySyncCache } from './memoryCache.ts';
import { mailboxThreadsQuery, queryKey } from './queryKey.ts';

let server: TestServer;
let client: JmapClient;
let cache: MemorySyncCache;
let roles: Record<string, string>;
const events: EngineEvent[] = [];
const box = (role: string): string =>
  roles[role] ??
  (() => {
    throw new Error(`no ${role} mailbox`);
  })();

const sync = () => new SyncEngine({ client, cache, push: false, chunkSize: 10, onEvent: (e) => events.push(e) }).syncNow();

async function serverIds(filter: JsonObject | null, collapseThreads = false): Promise<string[]> {
  const r = await server.one('Email/query', {
    filter,
    sort: [{ property: 'receivedAt', isAscending: false }],
    collapseThreads,
    limit: 1000,
  });
  return r.ids as string[];
}

/** What the memory cache holds, seen through SyncCache, equals what the server says. */
async function expectCacheMatchesServer(): Promise<void> {
  const accountId = client.accountId;
  const mailboxes = await cache.getMailboxes(accountId);
  const onServer = (await server.one('Mailbox/get', { ids: null })).list as { id: string; totalEmails: number; unreadEmails: number }[];
  expect(mailboxes.map((m) => [m.id, m.totalEmails, m.unreadEmails]).sort()).toEqual(
    onServer.map((m) => [m.id, m.totalEmails, m.unreadEmails]).sort(),
  );
  const all = mailboxes.map((m) => m.id);
  expect((await cache.emailsInWindow(accountId, all, 0)).map((e) => e.id).sort()).toEqual((await serverIds(null)).sort());
  for (const role of ['inbox', 'archive']) {
    const inMailbox = (await cache.emailsInWindow(accountId, [box(role)], 0)).map((e) => e.id).sort();
    expect(inMailbox, role).toEqual((await serverIds({ inMailbox: box(role) })).sort());
  }
  // The Inbox's cached query is the server's, in the server's order.
  const inbox = (await cache.getQueries(accountId)).find((q) => q.key === queryKey(mailboxThreadsQuery(box('inbox'))));
  expect(inbox?.ids.length).toBeGreaterThan(0);
  expect(inbox?.ids).toEqual((await serverIds({ inMailbox: box('inbox') }, true)).slice(0, inbox!.ids.length));
  expect(Object.keys(await cache.getStates(accountId)).sort()).toEqual(['Email', 'Mailbox', 'Thread']);
  expect((await cache.getStatus(accountId))?.kind).toBe('upToDate');
}

beforeAll(async () => {
  server = await startTestServer();
  const t0 = Date.now() - 40 * 60_000;
  for (let i = 0; i < 30; i++) {
    const date = new Date(t0 + i * 60_000);
    // Every third message answers the one before: threads of more than one email.
    const inReplyTo = i % 3 === 2 ? `m${i - 1}@example.net` : undefined;
    await deliver(
      server,
      'alice',
      rawMessage({
        from: 'Carol <carol@outside.example>',
        to: 'alice@example.test',
        subject: `Message ${i}`,
        messageId: `m${i}@example.net`,
        inReplyTo,
        date,
      }),
    );
  }
  const list = (await server.one('Mailbox/get', { ids: null })).list as { id: string; role: string | null }[];
  roles = Object.fromEntries(list.filter((m) => m.role).map((m) => [m.role!, m.id]));
  const password = DEMO_USERS.find((u) => u.username === 'alice')!.password;
  client = await connect({ url: server.origin, auth: { kind: 'basic', username: 'alice', password } });
  cache = new MemorySyncCache();
}, 30_000);
afterAll(() => server?.stop());

describe('the engine syncing the demo server into the memory cache', () => {
  it('mirrors the account on a first sync', async () => {
    expect(await sync()).toEqual({ ok: true });
    expect((await cache.getProgress(client.accountId))?.listing.state).toBe('done');
    await expectCacheMatchesServer();
  });

  it('catches up with destroyed, moved, flagged and delivered mail in a delta', async () => {
    const inbox = await serverIds({ inMailbox: box('inbox') });
    await server.one('Email/set', {
      destroy: inbox.slice(0, 2),
      update: {
        ...Object.fromEntries(inbox.slice(2, 4).map((id) => [id, { mailboxIds: { [box('archive')]: true } }])),
        [inbox[4]!]: { 'keywords/$seen': true },
      },
    });
    await deliver(
      server,
      'alice',
      rawMessage({ from: 'Carol <carol@outside.example>', to: 'alice@example.test', subject: 'Late news', messageId: 'late@example.net' }),
    );
    const gen = (await cache.getProgress(client.accountId))?.gen;
    events.length = 0;
    expect(await sync()).toEqual({ ok: true });
    expect(events.some((e) => e.type === 'delta')).toBe(true);
    expect(events.some((e) => e.type === 'resync')).toBe(false);
    expect((await cache.getProgress(client.accountId))?.gen).toBe(gen);
    await expectCacheMatchesServer();
  });

  it('resyncs as a new generation when the server cannot calculate changes', async () => {
    const before = await cache.getProgress(client.accountId);
    const inbox = await serverIds({ inMailbox: box('inbox') });
    await server.one('Email/set', { destroy: inbox.slice(0, 2) });
    await deliver(
      server,
      'alice',
      rawMessage({ from: 'Carol <carol@outside.example>', to: 'alice@example.test', subject: 'While away', messageId: 'away@example.net' }),
    );
    const res = await fetch(`${server.origin}/__control/forget-changes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'alice' }),
    });
    expect(res.ok).toBe(true);
    events.length = 0;
    expect(await sync()).toEqual({ ok: true });
    expect(events.some((e) => e.type === 'resync')).toBe(true);
    const after = await cache.getProgress(client.accountId);
    expect(after?.gen).toBe((before?.gen ?? 0) + 1);
    expect(after?.listing.state).toBe('done');
    await expectCacheMatchesServer();
  });
});
