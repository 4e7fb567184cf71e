/**
 * The password changes on the server while the engine runs on its own (polling every
 * 100 ms, a 10 ms backoff): after the 401 no poll, push trigger or retry timer knocks
 * again; the status says "sign in again". A syncNow from the host (or the person) checks
 * once, and once the server accepts again the engine carries on polling by itself.
 */
import { afterEach, expect, it } from 'vitest';
import { connect, RetryPolicy, type FetchLike } from '../jmap/index.ts';
import { authFor, backend } from '../../testing/backends/connect.ts';
import { SyncEngine } from './engine.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';

let mirror: Mirror | undefined;
let engine: SyncEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  mirror?.db.close();
});

it('ignores polls and sets no timer after a refused sign-in, until the host asks', async () => {
  const server = { refusing: false, apiRequests: 0 };
  const fetchImpl: FetchLike = (url, init) => {
    if ((init?.method ?? 'GET').toUpperCase() === 'POST') server.apiRequests++;
    if (server.refusing) return Promise.resolve(new Response('', { status: 401 }));
    return fetch(url, init);
  };
  const client = await connect({ url: backend().origin, auth: authFor(backend().users.alice), fetch: fetchImpl, timeoutMs: 5000 });
  mirror = openMirror('refused-polls');
  engine = new SyncEngine({
    client,
    cache: mirror.cache,
    push: false,
    offlineRoles: [],
    pollIntervalMs: 100,
    retry: new RetryPolicy({ baseMs: 10 }),
  });
  expect(await engine.start()).toEqual({ ok: true });

  server.refusing = true;
  const status = async () => (await mirror!.cache.getStatus(client.accountId))!;
  const end = Date.now() + 10_000;
  while ((await status()).kind !== 'signInNeeded') {
    expect(Date.now(), 'a poll to meet the refusal').toBeLessThan(end);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect((await status()).retryAt).toBeNull();
  const refused = server.apiRequests;
  // Ten poll intervals, a hundred backoffs: nothing.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(server.apiRequests).toBe(refused);

  // The host asks (a heartbeat's syncNow, the person): one check, refused again.
  expect((await engine.syncNow()).ok).toBe(false);
  expect(server.apiRequests).toBe(refused + 1);
  await new Promise((r) => setTimeout(r, 500));
  expect(server.apiRequests).toBe(refused + 1);

  // Accepted again: the host's next ask works and the polls come back.
  server.refusing = false;
  expect(await engine.syncNow()).toEqual({ ok: true });
  const after = server.apiRequests;
  await new Promise((r) => setTimeout(r, 500));
  expect(server.apiRequests).toBeGreaterThan(after);
}, 60_000);
