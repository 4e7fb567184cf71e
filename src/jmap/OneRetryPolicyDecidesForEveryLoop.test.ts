import { describe, expect, it } from 'vitest';
import {
  AuthError,
  HttpError,
  MethodError,
  NetworkError,
  NotJmapError,
  ProtocolError,
  PushUnavailableError,
  RequestError,
  SetItemError,
  TimeoutError,
} from './errors.ts';
import { DEFAULT_RETRY, RetryPolicy, retryPolicy, type RetryDecision, type RetryWork } from './retryPolicy.ts';

const api = 'https://mail.example.com/jmap/api/';
/** No jitter: base 1 s, so attempt n waits 2^n s. */
const exact = new RetryPolicy({ jitter: 0 });
const WORK: RetryWork[] = ['syncCycle', 'pushReconnect', 'outboxPass', 'signIn', 'uiFetch'];

describe('the one retry policy', () => {
  it('decides for each failure, the same way for every kind of work', () => {
    const table: [string, unknown, RetryDecision][] = [
      ['401', new AuthError(401, api), { action: 'reauthenticate' }],
      ['403', new AuthError(403, api), { action: 'reauthenticate' }],
      ['network', new NetworkError(api, new TypeError('fetch failed')), { action: 'retry', delayMs: 4000, serverSaid: false }],
      ['timeout', new TimeoutError(api, 30_000), { action: 'retry', delayMs: 4000, serverSaid: false }],
      ['503 without Retry-After', new HttpError(503, api), { action: 'retry', delayMs: 4000, serverSaid: false }],
      ['503 Retry-After 30 s', new HttpError(503, api, 30_000), { action: 'retry', delayMs: 30_000, serverSaid: true }],
      ['429 Retry-After 2 s', new HttpError(429, api, 2_000), { action: 'retry', delayMs: 2_000, serverSaid: true }],
      ['serverFail', new MethodError('serverFail', 'Email/get', 'c0'), { action: 'retry', delayMs: 4000, serverSaid: false }],
      [
        'rateLimit',
        new SetItemError('EmailSubmission/set', 'create', 'k', { type: 'rateLimit' }),
        { action: 'retry', delayMs: 4000, serverSaid: false },
      ],
      [
        'maxConcurrentRequests',
        new RequestError({ type: 'urn:ietf:params:jmap:error:limit', limit: 'maxConcurrentRequests' }, 400),
        { action: 'retry', delayMs: 4000, serverSaid: false },
      ],
      ['404 from apiUrl', new HttpError(404, api), { action: 'refetchSession', delayMs: 4000 }],
      ['accountNotFound', new MethodError('accountNotFound', 'Email/get', 'c0'), { action: 'refetchSession', delayMs: 4000 }],
      ['stateMismatch', new MethodError('stateMismatch', 'Email/set', 'c0'), { action: 'resync', delayMs: 4000 }],
      ['cannotCalculateChanges', new MethodError('cannotCalculateChanges', 'Email/changes', 'c0'), { action: 'resync', delayMs: 4000 }],
    ];
    for (const work of WORK) {
      for (const [name, error, decision] of table) expect(exact.decide(error, 2, work), `${name} in ${work}`).toEqual(decision);
    }
  });

  it('lets one-shot work give up on what retrying cannot fix, while standing loops check again slowly', () => {
    const permanent = [
      new MethodError('invalidArguments', 'Email/get', 'c0'),
      new MethodError('unknownMethod', 'Identity/set', 'c0'),
      new HttpError(413, api),
      new ProtocolError('bad'),
      new NotJmapError(api, 'html'),
      new Error('a bug'),
    ];
    for (const error of permanent) {
      expect(exact.decide(error, 0, 'outboxPass')).toEqual({ action: 'permanent' });
      expect(exact.decide(error, 0, 'uiFetch')).toEqual({ action: 'permanent' });
      // The delay of two more failures: 1 s * 2^(0 + 2).
      for (const work of ['syncCycle', 'signIn', 'pushReconnect'] as const) {
        expect(exact.decide(error, 0, work)).toEqual({ action: 'retry', delayMs: 4000, serverSaid: false });
      }
    }
    // A server without push is not a glitch: poll instead.
    expect(exact.decide(new PushUnavailableError(api, 204), 0, 'pushReconnect')).toEqual({ action: 'permanent' });
  });

  it('never puts a refused credential on a timer', () => {
    for (const work of WORK) {
      for (const attempt of [0, 1, 5, 30]) {
        expect(retryPolicy.decide(new AuthError(401, api), attempt, work)).toEqual({ action: 'reauthenticate' });
        expect(retryPolicy.delay(new AuthError(403, api), attempt, work)).toBeNull();
      }
    }
  });

  it("prefers the server's Retry-After over its own backoff, capped at maxMs", () => {
    expect(exact.decide(new HttpError(503, api, 1_000), 10, 'syncCycle')).toEqual({ action: 'retry', delayMs: 1_000, serverSaid: true });
    expect(exact.decide(new HttpError(503, api, 3_600_000), 0, 'outboxPass')).toEqual({
      action: 'retry',
      delayMs: 300_000,
      serverSaid: true,
    });
    const short = new RetryPolicy({ maxMs: 10_000 });
    expect(short.delay(new HttpError(429, api, 60_000), 0, 'signIn')).toBe(10_000);
    expect(short.delay(new NetworkError(api, null), 20, 'signIn')).toBeLessThanOrEqual(10_000);
  });

  it('has one set of defaults: base 1 s, cap 5 min, half the delay jittered', () => {
    expect({ baseMs: DEFAULT_RETRY.baseMs, maxMs: DEFAULT_RETRY.maxMs, jitter: DEFAULT_RETRY.jitter }).toEqual({
      baseMs: 1000,
      maxMs: 300_000,
      jitter: 0.5,
    });
    expect(retryPolicy.settings).toEqual(DEFAULT_RETRY);
    const low = new RetryPolicy({ random: () => 0 });
    const high = new RetryPolicy({ random: () => 0.999999 });
    for (const work of WORK) {
      expect([0, 1, 2, 9].map((a) => low.delay(new NetworkError(api, null), a, work))).toEqual([500, 1000, 2000, 150_000]);
      expect([0, 1, 2, 9].map((a) => high.delay(new NetworkError(api, null), a, work))).toEqual([1000, 2000, 4000, 300_000]);
    }
  });
});
