/**
 * Acceptance 6: a loopback proxy between the engine and the real server damages one
 * answer at a time (malformed JSON, 5xx, 401, 429 with Retry-After, a connection cut
 * mid-answer). Each time the stored status says what happened in words, the engine
 * backs off (Retry-After wins), the mirror and its states are exactly as before the
 * failed sync, and the next sync converges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryPolicy, type JmapClient } from '../jmap/index.ts';
import { startFaultyProxy, type Fault, type FaultyProxy } from '../../testing/faults/proxy.ts';
import type { SyncStatus } from './cache.ts';
import { SyncEngine, type EngineEvent, type EngineOptions } from './engine.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { mirrorSnapshot, openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';
import { roles } from '../../testing/roles.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';

let proxy: FaultyProxy;
let other: JmapClient;
let client: JmapClient;
let mirror: Mirror;
let accountId: string;

const quiet = (extra: Partial<EngineOptions> = {}): EngineOptions => ({
  client,
  cache: mirror.cache,
  push: false,
  offlineRoles: [],
  retry: new RetryPolicy({ baseMs: 1000, jitter: 0 }),
  ...extra,
});

beforeAll(async () => {
  other = (await connectCounting('bob')).client;
  await ensureSeeded(other, 'sync-seed-bob-80', 80, backend().users.bob.email);
  proxy = await startFaultyProxy(backend().origin);
  client = (await connectCounting('bob', { origin: proxy.origin, timeoutMs: 5000 })).client;
  accountId = client.accountId;
  mirror = openMirror('faults');
  expect(await new SyncEngine(quiet()).syncNow()).toEqual({ ok: true });
}, 120_000);
afterAll(async () => {
  mirror?.db.close();
  await proxy?.close();
});

let toggle = 0;
/** Another client changes something, so the failed sync had real work to do. */
async function changeOnServer(): Promise<void> {
  const r = await roles(other);
  const [id] = (await other.call('Email/query', { filter: { inMailbox: r.inbox! }, limit: 1 })).ids;
  await other.call('Email/set', { update: { [id!]: { 'keywords/$flagged': toggle++ % 2 === 0 ? true : null } } });
}

interface Failure {
  status: SyncStatus;
  delay: number | null;
}

/** One sync through a damaged answer; checks the mirror was left exactly as it was. */
async function syncThrough(fault: Fault, engine = new SyncEngine(quiet())): Promise<Failure> {
  await changeOnServer();
  const before = await mirrorSnapshot(mirror, accountId);
  const statesBefore = await mirror.cache.getStates(accountId);
  const queriesBefore = await mirror.cache.getQueries(accountId);
  proxy.inject(fault);
  const result = await engine.syncNow();
  expect(result.ok).toBe(false);
  expect(await mirrorSnapshot(mirror, accountId)).toEqual(before);
  expect(await mirror.cache.getStates(accountId)).toEqual(statesBefore);
  expect(await mirror.cache.getQueries(accountId)).toEqual(queriesBefore);
  const status = (await mirror.cache.getStatus(accountId))!;
  return { status, delay: status.retryAt === null ? null : status.retryAt - status.at };
}

async function recovers(): Promise<void> {
  expect(await new SyncEngine(quiet()).syncNow()).toEqual({ ok: true });
  expect((await mirror.cache.getStatus(accountId))?.kind).toBe('upToDate');
  await expectMirrorMatchesServer(mirror, client);
}

describe('damaged answers during delta sync', () => {
  it('malformed JSON: "cannot read" in the status, backs off, mirror untouched', async () => {
    const { status, delay } = await syncThrough({ kind: 'corruptJson' });
    expect(status.kind).toBe('error');
    expect(status.reason).toMatch(/sent an answer this app cannot read: the answer is not JSON/);
    expect(delay).toBeGreaterThan(0);
    await recovers();
  });

  it('5xx: the status names the server problem, and each failure in a row waits longer', async () => {
    const engine = new SyncEngine(quiet());
    const first = await syncThrough({ kind: 'status', status: 503 }, engine);
    const second = await syncThrough({ kind: 'status', status: 500 }, engine);
    expect(first.status.reason).toBe('The mail server had a problem (HTTP 503)');
    expect(second.status.reason).toBe('The mail server had a problem (HTTP 500)');
    expect(first.delay).toBe(1000);
    expect(second.delay).toBe(2000);
    await recovers();
  });

  it('401: asks the person to sign in again and does not retry by itself', async () => {
    const { status, delay } = await syncThrough({ kind: 'status', status: 401 });
    expect(status.kind).toBe('signInNeeded');
    expect(status.reason).toMatch(/^Wrong username or password\. Sign in again/);
    expect(delay).toBeNull();
    await recovers();
  });

  it('429 with Retry-After: waits exactly that long, then retries by itself and converges', async () => {
    const events: EngineEvent[] = [];
    const engine = new SyncEngine(quiet({ pollIntervalMs: 3_600_000, onEvent: (e) => events.push(e) }));
    await changeOnServer();
    const before = await mirrorSnapshot(mirror, accountId);
    proxy.inject({ kind: 'status', status: 429, retryAfter: '2' });
    const failedAt = Date.now();
    const first = await engine.start();
    expect(first.ok).toBe(false);
    expect(await mirrorSnapshot(mirror, accountId)).toEqual(before);
    const status = (await mirror.cache.getStatus(accountId))!;
    expect(status.kind).toBe('error');
    expect(status.reason).toBe('The mail server is busy (HTTP 429: too many requests); retrying in 2 s');
    expect(status.retryAt! - status.at).toBe(2000);
    // The engine's own retry timer brings it back, not this test.
    while ((await mirror.cache.getStatus(accountId))?.kind !== 'upToDate') {
      expect(Date.now() - failedAt, 'the engine retried by itself').toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(1900);
    await engine.stop();
    expect(events.filter((e) => e.type === 'cycle')).toHaveLength(1);
    await expectMirrorMatchesServer(mirror, client);
  });

  it('a connection cut mid-answer: the status says the server cannot be reached, mirror untouched', async () => {
    const { status, delay } = await syncThrough({ kind: 'cutMidBody' });
    expect(status.kind).toBe('offline');
    expect(status.reason).toMatch(/mail server/);
    expect(delay).toBeGreaterThan(0);
    await recovers();
  });
});

describe('a connection cut in the middle of a first sync', () => {
  it('keeps what was committed, says offline, and the next sync resumes and converges', async () => {
    const fresh = openMirror('faults-first-sync');
    const engine = new SyncEngine({
      client,
      cache: fresh.cache,
      push: false,
      offlineRoles: [],
      chunkSize: 20,
      onEvent: (e) => {
        // The Inbox page is committed; cut the first listing chunk's answer.
        if (e.type === 'inboxPage') proxy.inject({ kind: 'cutMidBody' });
      },
    });
    const result = await engine.syncNow();
    expect(result.ok).toBe(false);
    expect((await fresh.cache.getStatus(accountId))?.kind).toBe('offline');
    const progress = await fresh.cache.getProgress(accountId);
    expect(progress?.listing.position).toBe(0);
    expect(await fresh.db.emails.count()).toBeGreaterThan(0);
    expect(await new SyncEngine({ client, cache: fresh.cache, push: false, offlineRoles: [], chunkSize: 20 }).syncNow()).toEqual({
      ok: true,
    });
    await expectMirrorMatchesServer(fresh, client);
    fresh.db.close();
  });
});
