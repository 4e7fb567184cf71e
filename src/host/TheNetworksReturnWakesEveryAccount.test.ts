/**
 * Issue 15, several accounts: a change queued offline in an account that is not on
 * screen goes out when the network is back, not at the end of its flusher's backoff. The
 * page's `online` names only the shown account; the host's networkBack ends every
 * signed-in account's waits. Two accounts (alice and bob) of an in-process demo server,
 * the network cut by the fetch the host is given.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { RetryPolicy, type FetchLike } from '../jmap/index.ts';
import { startTestServer, type TestServer } from '../../packages/demo-server/test-harness.ts';
import { accountItems, enqueue } from '../outbox/index.ts';
import { MailDb, keepSignIn } from '../store/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

let server: TestServer | undefined;
let host: EngineHost | undefined;
afterAll(async () => {
  await host?.stopAll();
  await server?.stop();
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('the network back for the shown account sends what another account queued offline at once', async () => {
  server = await startTestServer();
  const s = server;
  const db = new MailDb(`network-back-${randomUUID()}`);
  const users = [
    ['alice', 'alice-password'],
    ['bob', 'bob-password'],
  ] as const;
  for (const [username, password] of users) {
    const id = s.accountId(username);
    await keepSignIn(
      db,
      { id, sessionUrl: `${s.origin}/jmap/`, username, name: username, addedAt: Date.now() },
      { accountId: id, url: s.origin, auth: { kind: 'basic', username, password } },
    );
  }
  const [alice, bob] = [s.accountId('alice'), s.accountId('bob')];
  let online = true;
  const net: FetchLike = (url, init) => (online ? fetch(url, init) : Promise.reject(new TypeError('fetch failed')));
  // A backoff far longer than the test: only a wake can end it.
  host = new EngineHost({ db, locks: inProcessLocks(), fetch: net, retry: new RetryPolicy({ baseMs: 120_000, maxMs: 120_000 }) });
  await host.heartbeat(alice);
  const upToDate = async (id: string) => (await db.syncStatus.get(id))?.kind === 'upToDate';
  await until('both accounts to sync', async () => (await upToDate(alice)) && (await upToDate(bob)));

  online = false;
  const name = `bob-offline-${randomUUID().slice(0, 6)}`;
  await enqueue(db, bob, { kind: 'mailboxCreate', localId: 'bob-local', name, parentId: null });
  host.flush(bob);
  await until('bob’s flush to fail offline', async () => (await accountItems(db, bob)).some((i) => i.attempts > 0));
  // A heartbeat does not end a flusher's backoff.
  await host.heartbeat(alice);

  online = true;
  await host.networkBack(alice);
  const names = async () =>
    ((await s.one('Mailbox/get', { ids: null, properties: ['name'] }, 'bob')).list as { name: string }[]).map((m) => m.name);
  await until('bob’s folder on the server', async () => (await names()).includes(name), 5_000);
  expect(await accountItems(db, bob)).toEqual([]);
}, 60_000);
