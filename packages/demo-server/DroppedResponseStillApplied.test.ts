import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, USING, type TestServer } from './test-harness.ts';

describe('fault switches', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  const post = (methodCalls: unknown[]) =>
    fetch(`${server.origin}/jmap/api/`, {
      method: 'POST',
      headers: { Authorization: server.auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ using: USING, methodCalls }),
    });

  it('drops the response of a processed request: the change is applied but the client never hears', async () => {
    await server.control({ reset: true, dropNext: 1 });
    const call = ['Mailbox/set', { accountId: server.accountId(), create: { d: { name: 'Dropped but made', parentId: null } } }, '0'];
    await expect(post([call])).rejects.toThrow();
    const all = await server.one('Mailbox/get', { ids: null, properties: ['name'] });
    expect((all.list as { name: string }[]).map((m) => m.name)).toContain('Dropped but made');
    // Only the next request was dropped.
    expect((await post([['Core/echo', { hello: 1 }, 'e']])).status).toBe(200);
  });

  it('drops requests containing a named method, the given number of times', async () => {
    await server.control({ reset: true, dropMethod: 'Mailbox/set', dropMethodTimes: 1 });
    expect((await post([['Core/echo', {}, 'e']])).status).toBe(200);
    await expect(
      post([['Mailbox/set', { accountId: server.accountId(), create: { d: { name: 'By method', parentId: null } } }, '0']]),
    ).rejects.toThrow();
    expect((await post([['Mailbox/set', { accountId: server.accountId(), update: {} }, '0']])).status).toBe(200);
  });

  it('answers 503 and 429 with Retry-After for the next requests, without processing them', async () => {
    await server.control({ reset: true, failNext: 2, failStatus: 429, retryAfter: 3 });
    const before = (await server.one('Mailbox/get', { ids: [] }).catch(() => null)) as null;
    expect(before).toBeNull();
    const r = await post([['Mailbox/set', { accountId: server.accountId(), create: { d: { name: 'Never made', parentId: null } } }, '0']]);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    expect((await post([['Core/echo', {}, 'e']])).status).toBe(200);
    const names = ((await server.one('Mailbox/get', { ids: null, properties: ['name'] })).list as { name: string }[]).map((m) => m.name);
    expect(names).not.toContain('Never made');
    await server.control({ failNext: 1, failStatus: 503 });
    const s = await post([['Core/echo', {}, 'e']]);
    expect(s.status).toBe(503);
    expect(s.headers.get('retry-after')).toBe('3');
  });

  it('forces stateMismatch on the next /set and adds latency', async () => {
    await server.control({ reset: true, stateMismatchNext: 1, latencyMs: 150 });
    const t0 = Date.now();
    const r = await server.call([['Email/set', { accountId: server.accountId(), update: {} }, '0']]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r.methodResponses[0]).toEqual(['error', expect.objectContaining({ type: 'stateMismatch' }), '0']);
    await server.control({ reset: true });
    expect((await server.call([['Email/set', { accountId: server.accountId(), update: {} }, '0']])).methodResponses[0]![0]).toBe(
      'Email/set',
    );
  });

  it('rejects unknown switches with a readable message, and is off unless enabled', async () => {
    const res = await fetch(`${server.origin}/__control`, { method: 'POST', body: JSON.stringify({ explode: true }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Unknown control switch "explode"/);
    const closed = await startTestServer({ control: false });
    expect((await fetch(`${closed.origin}/__control`, { method: 'POST', body: '{}' })).status).toBe(404);
    await closed.stop();
  });
});
