/**
 * A page's request is checked before anything is asked of a server: an unknown or
 * malformed one is answered with an error in words, never thrown and never trusted, and
 * every failure travels as data (a kind, a sentence, whether asking again may help).
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthError, HttpError, MethodError, NetworkError, RetryPolicy, type FetchLike } from '../jmap/index.ts';
import { MailDb } from '../store/index.ts';
import { hostError } from './answers.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';
import { parseHostAsk } from './requests.ts';

const api = 'https://mail.example.com/jmap/api/';

describe('requests from pages', () => {
  it('accepts the known shapes and keeps only what each kind reads', () => {
    expect(parseHostAsk({ type: 'ask', accountId: 'a', kind: 'body', request: { emailId: 'e1', maxBodyValueBytes: 1000, x: 1 } })).toEqual({
      type: 'ask',
      accountId: 'a',
      kind: 'body',
      request: { emailId: 'e1', maxBodyValueBytes: 1000 },
    });
    expect(parseHostAsk({ type: 'ask', accountId: 'a', kind: 'identities', request: { ids: ['x'] } })).toEqual({
      type: 'ask',
      accountId: 'a',
      kind: 'identities',
      request: {},
    });
    expect(parseHostAsk({ type: 'ask', accountId: 'a', kind: 'search', request: { filter: { text: 'x' }, limit: 50 } })).toEqual({
      type: 'ask',
      accountId: 'a',
      kind: 'search',
      request: { filter: { text: 'x' }, limit: 50, snippets: false },
    });
    // "Download everything now" carries nothing but its account.
    expect(parseHostAsk({ type: 'ask', accountId: 'a', kind: 'downloadScope', request: { all: true } })).toEqual({
      type: 'ask',
      accountId: 'a',
      kind: 'downloadScope',
      request: {},
    });
    expect(parseHostAsk({ type: 'ask', accountId: 'a', kind: 'downloadScope', request: 'now' })).toHaveProperty('problem');
  });

  it('answers unknown and malformed requests with an error in words, asking no server', async () => {
    let fetches = 0;
    const fetchImpl: FetchLike = () => {
      fetches++;
      return Promise.reject(new TypeError('no network in this test'));
    };
    const db = new MailDb(`requests-${randomUUID()}`);
    await db.credentials.put({ accountId: 'a', url: 'https://mail.example.com', auth: { kind: 'basic', username: 'u', password: 'p' } });
    const host = new EngineHost({ db, locks: inProcessLocks(), fetch: fetchImpl });
    const malformed: unknown[] = [
      null,
      'body',
      [],
      { type: 'ask' },
      { type: 'ask', accountId: 'a', kind: 'Email/set', request: {} },
      { type: 'ask', accountId: 'a', kind: 'constructor', request: {} },
      { type: 'ask', accountId: '', kind: 'body', request: { emailId: 'e', maxBodyValueBytes: 1 } },
      { type: 'ask', accountId: 'a', kind: 'body' },
      { type: 'ask', accountId: 'a', kind: 'body', request: { emailId: 7, maxBodyValueBytes: 1 } },
      { type: 'ask', accountId: 'a', kind: 'body', request: { emailId: 'e', maxBodyValueBytes: -1 } },
      { type: 'ask', accountId: 'a', kind: 'body', request: { emailId: 'e', maxBodyValueBytes: 1.5 } },
      { type: 'ask', accountId: 'a', kind: 'blob', request: { blobId: 'b' } },
      { type: 'ask', accountId: 'a', kind: 'parse', request: { maxBodyValueBytes: 1 } },
      { type: 'ask', accountId: 'a', kind: 'parse', request: { blobId: 'b', maxBodyValueBytes: 0 } },
      { type: 'ask', accountId: 'a', kind: 'search', request: { filter: 'text', limit: 50 } },
      { type: 'ask', accountId: 'a', kind: 'search', request: { filter: {}, limit: 100_000 } },
    ];
    for (const data of malformed) {
      const answer = await host.answer(data);
      expect(answer.ok, JSON.stringify(data)).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.kind).toBe('badRequest');
      expect(answer.error.transient).toBe(false);
      expect(answer.error.message).toMatch(/^[A-Z].+\.\)?$/);
    }
    expect(fetches).toBe(0);
  });

  it('answers a request for an account with no sign-in here by saying so', async () => {
    const host = new EngineHost({ db: new MailDb(`requests-${randomUUID()}`), locks: inProcessLocks() });
    const answer = await host.answer({ type: 'ask', accountId: 'nobody', kind: 'identities', request: {} });
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'signInNeeded', message: 'This device has no sign-in for the account. Sign in again.', transient: false },
    });
  });

  it('words every failure as a kind the page can act on, with the retry policy’s verdict', () => {
    const policy = new RetryPolicy({ jitter: 0 });
    expect(hostError(new NetworkError(api, null), policy)).toMatchObject({ kind: 'offline', transient: true });
    expect(hostError(new AuthError(401, api), policy)).toMatchObject({ kind: 'signInNeeded', transient: false });
    expect(hostError(new HttpError(503, api, 7_000), policy)).toMatchObject({ kind: 'serverError', transient: true, retryAfterMs: 7_000 });
    expect(hostError(new MethodError('accountNotSupportedByMethod', 'Identity/get', 'c0'), policy)).toMatchObject({
      kind: 'notSupported',
      transient: false,
    });
    expect(hostError(new MethodError('unknownMethod', 'VacationResponse/get', 'c0'), policy)).toMatchObject({
      kind: 'notSupported',
      transient: false,
    });
    expect(hostError(new MethodError('forbidden', 'Identity/get', 'c0'), policy)).toMatchObject({ kind: 'serverError', transient: false });
    expect(hostError('a string thrown', policy)).toMatchObject({ kind: 'serverError', transient: false });
  });
});
