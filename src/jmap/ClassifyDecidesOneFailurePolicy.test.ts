import { describe, expect, it } from 'vitest';
import { backoffDelay, RetryPolicy } from './retryPolicy.ts';
import { classify } from './classify.ts';
import {
  AbortedError,
  AuthError,
  HttpError,
  isUnsupported,
  MethodError,
  NetworkError,
  NotJmapError,
  ProtocolError,
  PushUnavailableError,
  RequestError,
  SetItemError,
  TimeoutError,
  TooLargeError,
  UnsupportedError,
} from './errors.ts';
import { parseRetryAfter } from './http.ts';
import { setFailures } from './set-failures.ts';

const api = 'https://mail.example.com/jmap/api/';

describe('classify()', () => {
  it('asks to re-authenticate on 401 and 403', () => {
    expect(classify(new AuthError(401, api))).toEqual({ action: 'reauthenticate' });
    expect(classify(new AuthError(403, api))).toEqual({ action: 'reauthenticate' });
  });

  it('retries network failures and timeouts without a server-given delay', () => {
    expect(classify(new NetworkError(api, new TypeError('fetch failed')))).toEqual({ action: 'retry' });
    expect(classify(new TimeoutError(api, 30_000))).toEqual({ action: 'retry' });
  });

  it('retries 429 and 5xx, honouring Retry-After', () => {
    expect(classify(new HttpError(503, api, 30_000))).toEqual({ action: 'retry', retryAfterMs: 30_000 });
    expect(classify(new HttpError(429, api, 2_000))).toEqual({ action: 'retry', retryAfterMs: 2_000 });
    expect(classify(new HttpError(500, api))).toEqual({ action: 'retry' });
  });

  it('refetches the session on 404 from the API, but gives up on a 404 download or 413', () => {
    expect(classify(new HttpError(404, api))).toEqual({ action: 'refetchSession' });
    expect(classify(new HttpError(404, api, undefined, 'download'))).toEqual({ action: 'permanent' });
    expect(classify(new HttpError(413, api))).toEqual({ action: 'permanent' });
  });

  it('resyncs on state problems, retries server failures, refetches the session on accountNotFound', () => {
    for (const t of ['stateMismatch', 'cannotCalculateChanges', 'tooManyChanges', 'anchorNotFound']) {
      expect(classify(new MethodError(t, 'Email/changes', 'c0'))).toEqual({ action: 'resync' });
    }
    expect(classify(new MethodError('serverFail', 'Email/get', 'c0'))).toEqual({ action: 'retry' });
    expect(classify(new MethodError('accountNotFound', 'Email/get', 'c0'))).toEqual({ action: 'refetchSession' });
    expect(classify(new MethodError('invalidArguments', 'Email/get', 'c0'))).toEqual({ action: 'permanent' });
  });

  it('treats unknownMethod as a permanent "not supported", not a failure to retry', () => {
    const e = new MethodError('unknownMethod', 'Identity/set', 'c0');
    expect(classify(e)).toEqual({ action: 'permanent' });
    expect(isUnsupported(e)).toBe(true);
    expect(isUnsupported(new UnsupportedError('vacation replies'))).toBe(true);
    expect(isUnsupported(new MethodError('forbidden', 'Identity/set', 'c0'))).toBe(false);
  });

  it('handles request-level problems by type', () => {
    const limit = (l: string) => new RequestError({ type: 'urn:ietf:params:jmap:error:limit', limit: l }, 400);
    expect(classify(limit('maxConcurrentRequests'))).toEqual({ action: 'retry' });
    expect(classify(limit('maxSizeRequest'))).toEqual({ action: 'permanent' });
    expect(classify(new RequestError({ type: 'urn:ietf:params:jmap:error:unknownCapability' }, 400))).toEqual({ action: 'refetchSession' });
    expect(classify(new RequestError({ type: 'urn:ietf:params:jmap:error:notJSON' }, 400))).toEqual({ action: 'permanent' });
  });

  it('gives up on what retrying cannot fix', () => {
    for (const e of [
      new ProtocolError('bad'),
      new NotJmapError(api, 'html'),
      new TooLargeError(5, 4),
      new PushUnavailableError(api, 204),
      new AbortedError(api),
      new Error('a bug'),
      'a string',
    ]) {
      expect(classify(e).action).toBe('permanent');
    }
  });

  it('retries a rateLimit SetError, not other SetErrors', () => {
    expect(classify(new SetItemError('EmailSubmission/set', 'create', 'k', { type: 'rateLimit' }))).toEqual({ action: 'retry' });
    expect(classify(new SetItemError('Email/set', 'update', 'M1', { type: 'notFound' }))).toEqual({ action: 'permanent' });
  });
});

describe('messages a person understands', () => {
  it('says what happened in plain words', () => {
    expect(new AuthError(401, api).message).toBe('Wrong username or password');
    expect(new NetworkError(api, new TypeError('x')).message).toBe("Can't reach the mail server at mail.example.com");
    expect(new NotJmapError('https://www.example.com/', 'html').message).toBe('The server at www.example.com is not a JMAP server');
    expect(new HttpError(503, api, 30_000).message).toBe('The mail server had a problem (HTTP 503); retrying in 30 s');
    expect(new HttpError(429, api, 5_000).message).toBe('The mail server is busy (HTTP 429: too many requests); retrying in 5 s');
    expect(new TimeoutError(api, 30_000).message).toBe('The mail server at mail.example.com did not answer within 30 s');
    expect(new TooLargeError(60 * 1024 * 1024, 50 * 1024 * 1024).message).toBe(
      'The file is too large for the mail server (60 MB; the limit is 50 MB)',
    );
    expect(new MethodError('stateMismatch', 'Email/set', 'c1', { description: 'ifInState did not match' }).message).toBe(
      'The mailbox changed on the server in the meantime (Email/set: stateMismatch — ifInState did not match)',
    );
  });

  it('lists SetErrors per id with their descriptions', () => {
    const failures = setFailures('Email/set', {
      notCreated: { k1: { type: 'invalidProperties', properties: ['mailboxIds'], description: 'no mailbox' } },
      notUpdated: null,
      notDestroyed: { M9: { type: 'notFound' } },
    });
    expect(failures.map((f) => [f.op, f.id, f.type])).toEqual([
      ['create', 'k1', 'invalidProperties'],
      ['destroy', 'M9', 'notFound'],
    ]);
    expect(failures[0]!.message).toBe('Could not create message k1: some values were not accepted (properties: mailboxIds; no mailbox)');
    expect(failures[1]!.message).toBe('Could not destroy message M9: it no longer exists on the server');
  });
});

describe('Retry-After and backoff', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with bounded jitter and a cap', () => {
    const mid = { random: () => 0.5, jitter: 0.5, baseMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, mid))).toEqual([750, 1500, 3000, 6000]);
    expect(backoffDelay(20, mid)).toBe(45_000);
    expect(backoffDelay(3, { random: () => 0, jitter: 1 })).toBe(0);
    expect(backoffDelay(3, { random: () => 0.999999, jitter: 0 })).toBe(8000);
  });

  it("prefers the server's Retry-After and returns null for errors that are not retried", () => {
    expect(new RetryPolicy().delay(new HttpError(503, api, 30_000), 0)).toBe(30_000);
    expect(new RetryPolicy({ random: () => 1, jitter: 0 }).delay(new NetworkError(api, null), 2)).toBe(4000);
    expect(new RetryPolicy().delay(new AuthError(401, api), 0)).toBeNull();
  });
});
