import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, USING, type TestServer } from './test-harness.ts';

describe('limits advertised in the session are enforced', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });
  const session = async () => {
    const res = await fetch(`${server.origin}/jmap/`, { headers: { Authorization: server.auth() } });
    return ((await res.json()) as { capabilities: Record<string, Record<string, number>> }).capabilities['urn:ietf:params:jmap:core']!;
  };
  const post = (body: unknown) =>
    fetch(`${server.origin}/jmap/api/`, {
      method: 'POST',
      headers: { Authorization: server.auth(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('maxCallsInRequest: a longer request is refused as a whole with the limit problem', async () => {
    server = await startTestServer({ profile: 'stalwart' });
    const core = await session();
    expect(core.maxCallsInRequest).toBe(16);
    const calls = Array.from({ length: 17 }, (_, i) => ['Core/echo', {}, String(i)]);
    const res = await post({ using: USING, methodCalls: calls });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxCallsInRequest' });
    expect((await post({ using: USING, methodCalls: calls.slice(0, 16) })).status).toBe(200);
  });

  it('maxObjectsInGet and maxObjectsInSet: requestTooLarge method errors', async () => {
    server = await startTestServer({ profile: 'stalwart' });
    const core = await session();
    const ids = Array.from({ length: core.maxObjectsInGet! + 1 }, (_, i) => `x${i}`);
    const get = await server.call([['Email/get', { accountId: server.accountId(), ids, properties: ['id'] }, 'g']]);
    expect(get.methodResponses[0]).toEqual(['error', expect.objectContaining({ type: 'requestTooLarge' }), 'g']);
    const destroy = Array.from({ length: core.maxObjectsInSet! + 1 }, (_, i) => `x${i}`);
    const set = await server.call([['Email/set', { accountId: server.accountId(), destroy }, 's']]);
    expect(set.methodResponses[0]).toEqual(['error', expect.objectContaining({ type: 'requestTooLarge' }), 's']);
  });

  it('James: an Email/get with body properties takes at most 5 ids', async () => {
    server = await startTestServer({ profile: 'james' });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const body = await server.call([['Email/get', { accountId: server.accountId(), ids, properties: ['textBody'] }, 'g']]);
    expect(body.methodResponses[0]![1]).toMatchObject({ type: 'requestTooLarge' });
    const meta = await server.call([['Email/get', { accountId: server.accountId(), ids, properties: ['subject'] }, 'g']]);
    expect(meta.methodResponses[0]![0]).toBe('Email/get');
  });

  it('maxSizeUpload and maxSizeRequest', async () => {
    server = await startTestServer();
    const core = await session();
    const big = Buffer.alloc(core.maxSizeUpload! + 1, 0x61);
    const up = await fetch(`${server.origin}/jmap/upload/${server.accountId()}/`, {
      method: 'POST',
      headers: { Authorization: server.auth(), 'Content-Type': 'text/plain' },
      body: big,
    });
    expect(up.status).toBe(413);
    expect(await up.json()).toMatchObject({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxSizeUpload' });
    const huge = JSON.stringify({ using: USING, methodCalls: [['Core/echo', { pad: 'x'.repeat(core.maxSizeRequest!) }, '0']] });
    const req = await fetch(`${server.origin}/jmap/api/`, {
      method: 'POST',
      headers: { Authorization: server.auth(), 'Content-Type': 'application/json' },
      body: huge,
    });
    expect(await req.json()).toMatchObject({ limit: 'maxSizeRequest' });
  });

  it('maxConcurrentRequests: requests beyond the limit at once are refused', async () => {
    server = await startTestServer({ profile: 'stalwart' });
    const core = await session();
    // Slow every request down so they really overlap.
    await server.control({ latencyMs: 300 });
    const n = core.maxConcurrentRequests! + 3;
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        post({ using: USING, methodCalls: [['Email/query', { accountId: server.accountId() }, 'q']] }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as Record<string, unknown>,
        })),
      ),
    );
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.body).toMatchObject({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxConcurrentRequests' });
    await server.control({ reset: true });
    expect((await post({ using: USING, methodCalls: [['Core/echo', {}, 'e']] })).status).toBe(200);
  });

  it('request-level errors: notJSON, notRequest, unknownCapability, and unknownMethod per call', async () => {
    server = await startTestServer();
    const notJson = await fetch(`${server.origin}/jmap/api/`, { method: 'POST', headers: { Authorization: server.auth() }, body: '{oops' });
    expect(await notJson.json()).toMatchObject({ type: 'urn:ietf:params:jmap:error:notJSON', status: 400 });
    expect(await (await post({ methodCalls: [] })).json()).toMatchObject({ type: 'urn:ietf:params:jmap:error:notRequest' });
    expect(await (await post({ using: ['urn:example:nope'], methodCalls: [] })).json()).toMatchObject({
      type: 'urn:ietf:params:jmap:error:unknownCapability',
    });
    const r = (await (
      await post({
        using: ['urn:ietf:params:jmap:core'],
        methodCalls: [
          ['Email/get', { accountId: server.accountId() }, 'a'],
          ['Foo/bar', {}, 'b'],
        ],
      })
    ).json()) as { methodResponses: unknown[] };
    expect(r.methodResponses).toEqual([
      ['error', expect.objectContaining({ type: 'unknownMethod' }), 'a'],
      ['error', expect.objectContaining({ type: 'unknownMethod' }), 'b'],
    ]);
  });
});
