import { describe, expect, it } from 'vitest';
import { AuthError, HttpError, MethodError, NetworkError, ProtocolError, RetryPolicy, TimeoutError } from '../../jmap/index.ts';
import { HostRequestError } from '../bridge/ask.ts';
import { queryRetry } from './queryRetry.ts';

const api = 'https://mail.example.com/jmap/api/';

describe('UI fetches (TanStack Query) retry by the one retry policy', () => {
  const { retry, retryDelay } = queryRetry(2, new RetryPolicy({ jitter: 0 }));

  it('asks again only what the policy calls transient, at most the given number of times', () => {
    for (const transient of [
      new NetworkError(api, null),
      new TimeoutError(api, 30_000),
      new HttpError(503, api),
      new MethodError('serverFail', 'Identity/get', 'c0'),
    ]) {
      expect(retry(0, transient)).toBe(true);
      expect(retry(1, transient)).toBe(true);
      expect(retry(2, transient)).toBe(false);
    }
  });

  it('takes a method error, a refused sign-in or a bad answer as the answer', () => {
    for (const answer of [
      new MethodError('accountNotSupportedByMethod', 'Identity/get', 'c0'),
      new MethodError('unknownMethod', 'VacationResponse/get', 'c0'),
      new MethodError('forbidden', 'Identity/get', 'c0'),
      new AuthError(401, api),
      new ProtocolError('bad'),
      new Error('This message is no longer on the server.'),
    ]) {
      expect(retry(0, answer)).toBe(false);
    }
  });

  it("waits the policy's delay, the server's Retry-After first", () => {
    expect(retryDelay(0, new NetworkError(api, null))).toBe(1000);
    expect(retryDelay(1, new NetworkError(api, null))).toBe(2000);
    expect(retryDelay(0, new HttpError(429, api, 5_000))).toBe(5_000);
  });

  it("keeps the host's verdict for what the host answered (made by the same policy where it failed)", () => {
    const offline = new HostRequestError({ kind: 'offline', message: "Can't reach the mail server", transient: true });
    expect(retry(0, offline)).toBe(true);
    expect(retry(2, offline)).toBe(false);
    expect(retryDelay(1, offline)).toBe(2000);
    const busy = new HostRequestError({ kind: 'serverError', message: 'HTTP 429', transient: true, retryAfterMs: 5_000 });
    expect(retryDelay(0, busy)).toBe(5_000);
    for (const kind of ['notSupported', 'signInNeeded', 'serverError', 'badRequest'] as const)
      expect(retry(0, new HostRequestError({ kind, message: 'an answer', transient: false }))).toBe(false);
  });
});
