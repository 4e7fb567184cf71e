import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createdId,
  deliver,
  rawMessage,
  startPushEndpoint,
  startTestServer,
  vapidProblem,
  type FakePushEndpoint,
  type TestServer,
} from './test-harness.ts';
import { tokenFor } from './index.ts';
import type { JsonObject } from './wire.ts';

const VAPID = 'urn:ietf:params:jmap:webpush-vapid';

async function sessionKey(server: TestServer): Promise<string | undefined> {
  const res = await fetch(`${server.origin}/jmap/`, { headers: { Authorization: server.auth() } });
  const session = (await res.json()) as { capabilities: Record<string, { applicationServerKey?: string }> };
  return session.capabilities[VAPID]?.applicationServerKey;
}

async function subscribe(server: TestServer, push: FakePushEndpoint, extra: JsonObject = {}): Promise<{ id: string; created: JsonObject }> {
  const res = await call(server, 'PushSubscription/set', {
    create: { s: { deviceClientId: 'device-1', url: push.url, keys: push.keys, types: ['Email', 'Mailbox', 'EmailDelivery'], ...extra } },
  });
  return { id: createdId(res, 's'), created: (res.created as Record<string, JsonObject>).s! };
}

/** PushSubscription methods take no accountId (they belong to the credentials). */
async function call(server: TestServer, method: string, args: JsonObject): Promise<JsonObject> {
  const r = await server.call([[method, args, 'c']]);
  const [name, out] = r.methodResponses[0]!;
  if (name === 'error') throw new Error(JSON.stringify(out));
  return out;
}
const set = (server: TestServer, args: JsonObject) => call(server, 'PushSubscription/set', args);

const markRead = async (server: TestServer, emailId: string, seen: boolean) =>
  server.one('Email/set', { update: { [emailId]: { 'keywords/$seen': seen || null } } });

describe('JMAP Web Push from the demo server (RFC 8620 7.2, RFC 8291, RFC 8292)', () => {
  let server: TestServer;
  let push: FakePushEndpoint;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer();
    push = await startPushEndpoint();
    key = (await sessionKey(server))!;
  });
  afterAll(async () => {
    await server.stop();
    await push.close();
  });

  it('offers a VAPID key in the session, kept across restarts of the same data dir', async () => {
    expect(key).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(Buffer.from(key, 'base64url')[0]).toBe(4);
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir: server.dataDir });
    expect(await sessionKey(server)).toBe(key);
  });

  it('pushes only the verification until the right code is set, then a StateChange within a second', async () => {
    const { id, created } = await subscribe(server, push);
    expect(Date.parse(created.expires as string)).toBeGreaterThan(Date.now());
    const verification = await push.next(2000);
    if (verification === 'timeout') throw new Error('no PushVerification arrived');
    expect(verification.body).toEqual({ '@type': 'PushVerification', pushSubscriptionId: id, verificationCode: expect.any(String) });
    expect(verification.headers['content-encoding']).toBe('aes128gcm');
    expect(vapidProblem(verification.headers.authorization, key, push.url)).toBeNull();

    const wrong = await set(server, { update: { [id]: { verificationCode: 'not-the-code' } } });
    expect(wrong.notUpdated).toHaveProperty(id);
    await deliver(server, 'alice', rawMessage({ subject: 'Before verification' }));
    expect(await push.next(1500)).toBe('timeout');

    const right = await set(server, { update: { [id]: { verificationCode: verification.body.verificationCode as string } } });
    expect(right.updated).toHaveProperty(id);
    const got = await call(server, 'PushSubscription/get', { ids: [id] });
    expect((got.list as JsonObject[])[0]).not.toHaveProperty('url');
    expect((got.list as JsonObject[])[0]).not.toHaveProperty('keys');

    const t0 = Date.now();
    const { emailId } = await deliver(server, 'alice', rawMessage({ subject: 'After verification' }));
    const change = await push.next(2000);
    if (change === 'timeout') throw new Error('no StateChange arrived');
    expect(change.at - t0).toBeLessThan(1100);
    const email = await server.one('Email/get', { ids: [] });
    expect(change.body).toEqual({
      '@type': 'StateChange',
      changed: { [server.accountId()]: expect.objectContaining({ Email: email.state }) },
    });
    expect(Object.keys((change.body.changed as Record<string, object>)[server.accountId()]!)).not.toContain('Thread');
    expect(vapidProblem(change.headers.authorization, key, push.url)).toBeNull();

    // Five changes in quick succession: at most one push a second, the rest merged.
    await new Promise((r) => setTimeout(r, 1100));
    const before = push.received.length;
    const tSet = Date.now();
    for (let i = 0; i < 5; i++) await markRead(server, emailId, i % 2 === 0);
    await new Promise((r) => setTimeout(r, 1600));
    const burst = push.received.slice(before);
    expect(burst.length).toBeGreaterThanOrEqual(1);
    expect(burst.length).toBeLessThanOrEqual(2);
    expect(burst[0]!.at - tSet).toBeLessThan(1100);
    const last = burst.at(-1)!.body as { changed: Record<string, Record<string, string>> };
    expect(last.changed[server.accountId()]!.Email).toBe((await server.one('Email/get', { ids: [] })).state);
    push.received.splice(0);
    await push.next(0);

    const destroyed = await set(server, { destroy: [id] });
    expect(destroyed.destroyed).toEqual([id]);
    await deliver(server, 'alice', rawMessage({ subject: 'After destroy' }));
    expect(await push.next(1500)).toBe('timeout');
  }, 20_000);

  it('refuses non-http URLs and drops a subscription the push service says is gone (410)', async () => {
    const bad = await set(server, {
      create: {
        f: { deviceClientId: 'd', url: 'file:///etc/passwd', keys: push.keys },
        j: { deviceClientId: 'd', url: 'javascript:1', keys: push.keys },
      },
    });
    expect(Object.keys(bad.notCreated as object).sort()).toEqual(['f', 'j']);

    const gone = await startPushEndpoint();
    gone.answer = 410;
    const { id } = await subscribe(server, gone);
    await gone.next(2000);
    const all = await call(server, 'PushSubscription/get', { ids: null });
    expect((all.list as JsonObject[]).map((s) => s.id)).not.toContain(id);
    await gone.close();
  });

  it('clamps expires to the server maximum and pushes nothing after expiry', async () => {
    const far = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
    const ep = await startPushEndpoint();
    const { id, created } = await subscribe(server, ep, { expires: far });
    expect(Date.parse(created.expires as string)).toBeLessThan(Date.parse(far));
    const v = await ep.next(2000);
    if (v === 'timeout') throw new Error('no verification');
    await set(server, { update: { [id]: { verificationCode: v.body.verificationCode as string } } });
    await server.control({ clockOffsetMs: 8 * 24 * 3600 * 1000 });
    await deliver(server, 'alice', rawMessage({ subject: 'After expiry' }));
    expect(await ep.next(1500)).toBe('timeout');
    await server.control({ clockOffsetMs: 0 });
    await ep.close();
  });
});

describe('profiles without Web Push', () => {
  it.each(['cyrus', 'james', 'fastmail'] as const)('%s offers no VAPID capability and no PushSubscription methods', async (profile) => {
    const server = await startTestServer({ profile });
    try {
      const path = profile === 'cyrus' ? '/jmap/' : '/jmap/session';
      const authorization = profile === 'fastmail' ? `Bearer ${tokenFor('alice', 'alice-password')}` : server.auth();
      const res = await fetch(`${server.origin}${path}`, { headers: { Authorization: authorization } });
      const session = (await res.json()) as { capabilities: object };
      expect(session.capabilities).not.toHaveProperty(VAPID);
      if (profile !== 'fastmail') {
        const r = await server.call([['PushSubscription/get', { ids: null }, 'c']]);
        expect(r.methodResponses[0]![1]).toMatchObject({ type: 'unknownMethod' });
      }
    } finally {
      await server.stop();
    }
  });
  it('stalwart offers it', async () => {
    const server = await startTestServer({ profile: 'stalwart' });
    try {
      const res = await fetch(`${server.origin}/jmap/session`, { headers: { Authorization: server.auth() } });
      expect(((await res.json()) as { capabilities: object }).capabilities).toHaveProperty(VAPID);
    } finally {
      await server.stop();
    }
  });
});
