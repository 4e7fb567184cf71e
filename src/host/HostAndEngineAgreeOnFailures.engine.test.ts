/**
 * The host's sign-in loop and the engine it runs retry by one policy: both wait exactly
 * what a 503's Retry-After says (their own backoff here would be minutes), and both stop
 * on a refused password and wait for new credentials, with nothing knocking meanwhile
 * (polls, timers, heartbeats). The test's fetch stands for the server: it answers 503 or
 * checks the password the way a test step says, forwarding the rest with the real sign-in.
 * The flusher the host runs follows the same rule.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { RetryPolicy, type Auth, type FetchLike } from '../jmap/index.ts';
import { authorizationHeader } from '../jmap/auth.ts';
import { authFor, backend, connectAs, unique } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { enqueue, type Intent, type OutboxItem } from '../outbox/index.ts';
import { UNTIL_SIGNED_IN } from '../outbox/intents.ts';
import type { MailDb } from '../store/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stopAll()));
});

/** Backoff of a minute or more: a retry within seconds can only be the server's Retry-After. */
const slow = new RetryPolicy({ baseMs: 60_000, jitter: 0 });

function credentials(secret: string): Auth {
  const real = authFor(backend().users.alice);
  return real.kind === 'basic' ? { ...real, password: secret } : { kind: 'bearer', token: secret };
}

/** The stand-in server: `busy` answers 503 Retry-After 2 to session GETs or API POSTs. */
function server() {
  const real = authorizationHeader(authFor(backend().users.alice));
  const s = { busy: null as 'session' | 'api' | null, accepted: new Set<string>(), requests: 0, refusals: 0, busyAnswers: 0 };
  const fetchImpl: FetchLike = (url, init) => {
    s.requests++;
    const api = (init?.method ?? 'GET').toUpperCase() === 'POST';
    if ((s.busy === 'session' && !api) || (s.busy === 'api' && api)) {
      s.busyAnswers++;
      return Promise.resolve(new Response('busy', { status: 503, headers: { 'Retry-After': '2' } }));
    }
    const headers = new Headers(init?.headers);
    if (!s.accepted.has(headers.get('Authorization') ?? '')) {
      s.refusals++;
      return Promise.resolve(new Response('', { status: 401 }));
    }
    headers.set('Authorization', real);
    return fetch(url, { ...init, headers });
  };
  return { s, fetchImpl };
}

/** An intent whose last try failed and which waits an hour before the next: no flush takes it now. */
async function backingOff(db: MailDb, accountId: string, name: string): Promise<string> {
  const id = randomUUID();
  const intent: Intent = { kind: 'mailboxCreate', localId: id, name, parentId: null };
  const item: OutboxItem = {
    id,
    accountId,
    createdAt: Date.now(),
    intent,
    state: 'waiting',
    attempts: 1,
    notBefore: Date.now() + 3_600_000,
  };
  await db.outbox.put({ ...item, reason: 'Waiting to retry: HTTP 503' });
  return id;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the host and its engine retry by one policy', () => {
  it("both wait exactly a 503's Retry-After, then carry on by themselves", async () => {
    const auth = credentials('secret');
    const { db, accountId } = await signedInDb(auth);
    const { s, fetchImpl } = server();
    s.accepted.add(authorizationHeader(auth));
    s.busy = 'session';
    const host = new EngineHost({ db, locks: inProcessLocks(), retry: slow, pollIntervalMs: 3_600_000, fetch: fetchImpl });
    hosts.push(host);
    host.ensure(accountId);

    // Signing in: the session is busy.
    await until('the sign-in to meet the 503', () => s.busyAnswers > 0);
    await until('a status', async () => (await db.syncStatus.get(accountId))?.retryAt != null);
    const signIn = (await db.syncStatus.get(accountId))!;
    expect(signIn.kind).toBe('error');
    expect(signIn.reason).toMatch(/HTTP 503.*retrying in 2 s/);
    expect(Math.abs(signIn.retryAt! - signIn.at - 2000)).toBeLessThan(100);

    // The session answers again but the API is busy: the engine's first cycle meets the 503.
    s.busy = 'api';
    const busyBefore = s.busyAnswers;
    await until('the engine to meet the 503', () => s.busyAnswers > busyBefore, 10_000);
    await until('the engine status', async () => {
      const st = await db.syncStatus.get(accountId);
      return st?.kind === 'error' && st.retryAt != null && st.at > signIn.at;
    });
    const engine = (await db.syncStatus.get(accountId))!;
    expect(engine.reason).toMatch(/HTTP 503.*retrying in 2 s/);
    expect(engine.retryAt! - engine.at).toBe(2000);
    s.busy = null;
    const failedAt = engine.at;
    await until('the engine to retry by itself and finish', async () => (await db.syncStatus.get(accountId))?.kind === 'upToDate', 20_000);
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - failedAt).toBeLessThan(30_000);
  }, 90_000);

  it('both stop on a refused password and nothing knocks again until new credentials are stored', async () => {
    const oldAuth = credentials('old-secret');
    const newAuth = credentials('new-secret');
    const { db, accountId } = await signedInDb(oldAuth);
    const { s, fetchImpl } = server();
    // Polls every 200 ms and a 10 ms backoff: any loop retrying the refusal would show at once.
    const host = new EngineHost({
      db,
      locks: inProcessLocks(),
      retry: new RetryPolicy({ baseMs: 10 }),
      pollIntervalMs: 200,
      fetch: fetchImpl,
    });
    hosts.push(host);

    // Signing in with a wrong password.
    host.ensure(accountId);
    await until('a sign-in status', async () => (await db.syncStatus.get(accountId))?.kind === 'signInNeeded');
    const atSignIn = s.refusals;
    expect(atSignIn).toBe(1);
    expect((await db.syncStatus.get(accountId))?.retryAt).toBeNull();

    // Right password: it syncs. Then the password changes on the server mid-run.
    s.accepted.add(authorizationHeader(oldAuth));
    await db.credentials.put({ accountId, url: backend().origin, auth: { ...oldAuth } });
    await host.syncNow(accountId);
    await until('a first sync', async () => (await db.syncStatus.get(accountId))?.kind === 'upToDate');
    // An intent backing off after a failure: no flush takes it up before the refusal.
    const backedOff = await backingOff(db, accountId, unique('agree-later'));
    s.accepted.clear();
    // A change on the server: push (demo) or the next poll (Cyrus) makes the engine sync.
    await (await connectAs('alice')).call('Mailbox/set', { create: { f: { name: unique('agree'), parentId: null } } });
    await until('the engine to meet the refusal', async () => (await db.syncStatus.get(accountId))?.kind === 'signInNeeded', 10_000);
    const status = (await db.syncStatus.get(accountId))!;
    expect(status.reason).toMatch(/^Wrong username or password\. Sign in again/);
    expect(status.retryAt).toBeNull();
    await until('the host to stop the account', () => !host.reply(accountId).running);
    const refused = s.requests;
    // Polls, timers and heartbeats: none of them tries the refused password again.
    for (let i = 0; i < 5; i++) {
      host.ensure(accountId);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(s.requests).toBe(refused);
    expect(host.reply(accountId).running).toBe(false);
    // The sync met the refusal, not the flusher: the intent still says what it waits for.
    expect(await db.outbox.get(backedOff)).toMatchObject({ notBefore: UNTIL_SIGNED_IN, reason: expect.stringMatching(/sign in again/i) });

    // New credentials: the next heartbeat signs in with them, syncs, and the intent goes.
    s.accepted.add(authorizationHeader(newAuth));
    await db.credentials.put({ accountId, url: backend().origin, auth: newAuth });
    host.ensure(accountId);
    await until('a sync with the new password', async () => (await db.syncStatus.get(accountId))?.kind === 'upToDate');
    await until('the waiting intent to go', async () => (await db.outbox.count()) === 0, 30_000);
  }, 90_000);

  it('a flush refused mid-run stops the account the same way; the intents wait and go with the new sign-in', async () => {
    const oldAuth = credentials('old-secret');
    const newAuth = credentials('new-secret');
    const { db, accountId } = await signedInDb(oldAuth);
    const { s, fetchImpl } = server();
    s.accepted.add(authorizationHeader(oldAuth));
    const host = new EngineHost({
      db,
      locks: inProcessLocks(),
      retry: new RetryPolicy({ baseMs: 10 }),
      pollIntervalMs: 200,
      fetch: fetchImpl,
    });
    hosts.push(host);
    host.ensure(accountId);
    await until('a first sync', async () => (await db.syncStatus.get(accountId))?.kind === 'upToDate');

    // The password changes on the server, then the person makes a folder.
    s.accepted.clear();
    const name = unique('agree-flush');
    await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'agree-1', name, parentId: null });
    host.flush(accountId);
    await until('the flush to meet the refusal', async () => (await db.syncStatus.get(accountId))?.kind === 'signInNeeded', 10_000);
    await until('the host to stop the account', () => !host.reply(accountId).running);
    expect((await db.syncStatus.get(accountId))?.reason).toMatch(/^Wrong username or password\. Sign in again/);
    const refused = s.requests;
    for (let i = 0; i < 5; i++) {
      host.ensure(accountId);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(s.requests).toBe(refused);
    const kept = await db.outbox.toArray();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ state: 'waiting', reason: expect.stringMatching(/sign in again/i) });

    s.accepted.add(authorizationHeader(newAuth));
    await db.credentials.put({ accountId, url: backend().origin, auth: newAuth });
    host.ensure(accountId);
    await until('the outbox to drain with the new sign-in', async () => (await db.outbox.count()) === 0, 30_000);
    const made = (await (await connectAs('alice')).call('Mailbox/get', { ids: null })).list.filter((m) => m.name === name);
    expect(made).toHaveLength(1);
  }, 90_000);
});
