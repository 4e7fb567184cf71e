import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { connect, type JmapClient } from './client.ts';
import { AuthError, HttpError, NetworkError, ProtocolError, RequestError, TimeoutError } from './errors.ts';
import { authFor, backend } from '../../testing/backends/connect.ts';
import { startFaultyProxy, type FaultyProxy } from '../../testing/faults/proxy.ts';

/**
 * The real server answers; a proxy in between damages the answers. Every damage must
 * come out as a typed error with a readable message and the right classify() decision,
 * and the client must work normally again afterwards.
 */
describe('damaged answers from the API', () => {
  let proxy: FaultyProxy;
  let client: JmapClient;

  beforeAll(async () => {
    proxy = await startFaultyProxy(backend().origin);
    client = await connect({ url: proxy.origin, auth: authFor(backend().users.alice), rewriteUrlsToOrigin: true, timeoutMs: 1500 });
  });
  afterAll(() => proxy.close());

  const failWith = async (fault: Parameters<FaultyProxy['inject']>[0]): Promise<unknown> => {
    proxy.inject(fault);
    const err = await client.call('Mailbox/get', { ids: null }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // The next request, undamaged, works again.
    expect((await client.call('Mailbox/get', { ids: null })).list.length).toBeGreaterThan(0);
    return err;
  };

  it('malformed JSON -> ProtocolError, permanent', async () => {
    const err = await failWith({ kind: 'corruptJson' });
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).detail).toMatch(/^the answer is not JSON \(it starts with "\{/);
    expect((err as Error).message).toMatch(/^The mail server at 127\.0\.0\.1:\d+ sent an answer this app cannot read/);
    expect(classify(err)).toEqual({ action: 'permanent' });
  });

  it('401 -> AuthError, reauthenticate', async () => {
    const err = await failWith({ kind: 'status', status: 401 });
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toBe('Wrong username or password');
    expect(classify(err)).toEqual({ action: 'reauthenticate' });
  });

  it('503 with Retry-After in seconds -> HttpError, retry after that long', async () => {
    const err = await failWith({ kind: 'status', status: 503, retryAfter: '30' });
    expect(err).toBeInstanceOf(HttpError);
    expect((err as Error).message).toBe('The mail server had a problem (HTTP 503); retrying in 30 s');
    expect(classify(err)).toEqual({ action: 'retry', retryAfterMs: 30_000 });
  });

  it('429 with Retry-After as an HTTP date -> retry after the time until then', async () => {
    const at = new Date(Date.now() + 120_000).toUTCString();
    const err = await failWith({ kind: 'status', status: 429, retryAfter: at });
    expect(err).toBeInstanceOf(HttpError);
    const c = classify(err);
    expect(c.action).toBe('retry');
    expect(c.retryAfterMs).toBeGreaterThan(115_000);
    expect(c.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it("500 without Retry-After -> retry with the caller's backoff", async () => {
    const err = await failWith({ kind: 'status', status: 500, body: '<html>Internal Server Error</html>', contentType: 'text/html' });
    expect((err as Error).message).toBe('The mail server had a problem (HTTP 500)');
    expect(classify(err)).toEqual({ action: 'retry' });
  });

  it('a JMAP problem document -> RequestError with its type', async () => {
    const err = await failWith({
      kind: 'status',
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxSizeRequest', status: 400, detail: 'Request too big' }),
    });
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).type).toBe('limit');
    expect((err as RequestError).limit).toBe('maxSizeRequest');
    expect((err as Error).message).toBe("The request went over the mail server's limit maxSizeRequest: Request too big");
    expect(classify(err)).toEqual({ action: 'permanent' });
  });

  it('connection cut in the middle of the answer -> NetworkError, retry', async () => {
    const err = await failWith({ kind: 'cutMidBody' });
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(
      /^The connection to the mail server at 127\.0\.0\.1:\d+ was cut before the answer was complete$/,
    );
    expect(classify(err)).toEqual({ action: 'retry' });
  });

  it("no answer at all -> TimeoutError after the client's time limit, retry", async () => {
    const started = Date.now();
    const err = await failWith({ kind: 'stall' });
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect((err as Error).message).toMatch(/did not answer within 2 s$/);
    expect(classify(err)).toEqual({ action: 'retry' });
  });

  it('a request the caller cancels -> AbortedError, not retried', async () => {
    proxy.inject({ kind: 'stall' });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    const err = await client.call('Mailbox/get', { ids: null }, { signal: ctl.signal }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortedError');
    expect(classify(err)).toEqual({ action: 'permanent' });
  });

  it('a 404 from apiUrl refetches the session and retries once', async () => {
    proxy.inject({ kind: 'status', status: 404 });
    const res = await client.call('Mailbox/get', { ids: null });
    expect(res.list.length).toBeGreaterThan(0);
  });
});
