/**
 * A service worker and a page (or two tabs) each host engines on the same database; the
 * account's lock lets exactly one of them sync at a time, and the other takes over when
 * the first goes away (a killed worker, a closed tab), resuming from the stored states.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, RetryPolicy } from '../jmap/index.ts';
import { authFor, backend } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { MailDb } from '../store/index.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { DexieSyncCache } from '../store/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stopAll()));
});

async function signedIn(): Promise<{ name: string; accountId: string }> {
  const { db, name, accountId } = await signedInDb();
  db.close();
  return { name, accountId };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('engine host', () => {
  it('runs one engine per account across two hosts, and the second takes over from the stored states', async () => {
    const { name, accountId } = await signedIn();
    const locks = inProcessLocks();
    const dbA = new MailDb(name);
    const dbB = new MailDb(name);
    const worker = new EngineHost({ db: dbA, locks });
    const page = new EngineHost({ db: dbB, locks });
    hosts.push(worker, page);

    worker.ensure(accountId);
    await until('the worker to hold the lock', () => worker.reply(accountId).running);
    await until('the first sync', async () => (await dbA.syncStatus.get(accountId))?.kind === 'upToDate');
    expect(page.ensure(accountId)).toMatchObject({ running: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(page.reply(accountId).running).toBe(false);
    expect(page.starts).toBe(0);

    const statesBefore = await dbA.states.toArray();
    await worker.stop(accountId);
    await until('the page to take over', () => page.reply(accountId).running && page.starts === 1);
    await until('the page to sync', async () => {
      const s = await dbB.syncStatus.get(accountId);
      return s?.kind === 'upToDate' && s.at > Date.now() - 5_000;
    });
    // It resumed (the states it found were the ones the worker stored) rather than starting over.
    expect(statesBefore.length).toBeGreaterThan(0);
    const client = await connect({ url: backend().origin, auth: authFor(backend().users.alice) });
    await expectMirrorMatchesServer({ db: dbB, cache: new DexieSyncCache(dbB) }, client);
    expect(worker.starts).toBe(1);
  }, 120_000);

  it('says it is offline while the server cannot be reached, and connects when woken', async () => {
    const { name, accountId } = await signedIn();
    const db = new MailDb(name);
    let reachable = false;
    const host = new EngineHost({
      db,
      locks: inProcessLocks(),
      retry: new RetryPolicy({ baseMs: 60_000 }),
      fetch: (url, init) => (reachable ? fetch(url, init) : Promise.reject(new TypeError('fetch failed'))),
    });
    hosts.push(host);
    host.ensure(accountId);
    await until('an offline status', async () => (await db.syncStatus.get(accountId))?.kind === 'offline');
    const offline = await db.syncStatus.get(accountId);
    expect(offline?.reason).toMatch(/reach/i);
    expect(offline?.retryAt).toBeGreaterThan(Date.now());
    reachable = true;
    // A heartbeat or `online` wakes it long before its minute-long backoff ends.
    await host.syncNow(accountId);
    await until('a sync after waking', async () => (await db.syncStatus.get(accountId))?.kind === 'upToDate');
  }, 60_000);

  it('asks the person to sign in again after a wrong password, without retrying', async () => {
    const { name, accountId } = await signedIn();
    const db = new MailDb(name);
    const b = backend();
    const auth = authFor(b.users.alice);
    await db.credentials.put({
      accountId,
      url: b.origin,
      auth: auth.kind === 'basic' ? { ...auth, password: 'not-the-password' } : { kind: 'bearer', token: 'not-the-token' },
    });
    let requests = 0;
    const host = new EngineHost({
      db,
      locks: inProcessLocks(),
      retry: new RetryPolicy({ baseMs: 10 }),
      fetch: (url, init) => (requests++, fetch(url, init)),
    });
    hosts.push(host);
    host.ensure(accountId);
    await until('a sign-in status', async () => (await db.syncStatus.get(accountId))?.kind === 'signInNeeded');
    expect((await db.syncStatus.get(accountId))?.reason).toMatch(/password|sign in/i);
    const after = requests;
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toBe(after);
    expect(host.reply(accountId).running).toBe(false);
    // Heartbeats keep coming; the refused password is not tried again with each of them...
    host.ensure(accountId);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toBe(after);
    // ...but a new sign-in is tried at once.
    await db.credentials.put({ accountId, url: b.origin, auth });
    host.ensure(accountId);
    await until('a sync with the right password', async () => (await db.syncStatus.get(accountId))?.kind === 'upToDate');
  }, 60_000);
});
