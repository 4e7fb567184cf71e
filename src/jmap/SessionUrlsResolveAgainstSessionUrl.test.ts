import { describe, expect, it } from 'vitest';
import { NotJmapError, ProtocolError } from './errors.ts';
import { checkSession, discoveryCandidates, resolveSession } from './session.ts';
import { appendQuery, originOf, reachedThroughHere, resolveUrl, rewriteToOrigin } from './urls.ts';

/** A session as Cyrus 3.6 sends it: relative URLs and a host-less WebSocket URL. */
function cyrusLikeSession(): Record<string, unknown> {
  return {
    capabilities: {
      'urn:ietf:params:jmap:core': {
        maxSizeUpload: 1073741824,
        maxConcurrentUpload: 5,
        maxSizeRequest: 10485760,
        maxConcurrentRequests: 5,
        maxCallsInRequest: 50,
        maxObjectsInGet: 4096,
        maxObjectsInSet: 4096,
        collationAlgorithms: [],
      },
      'urn:ietf:params:jmap:mail': {},
      'urn:ietf:params:jmap:websocket': { url: 'wss:/jmap/ws/', supportsPush: true },
    },
    accounts: { alice: { name: 'alice', isPersonal: true, isReadOnly: false, accountCapabilities: {} } },
    primaryAccounts: { 'urn:ietf:params:jmap:mail': 'alice' },
    username: 'alice',
    apiUrl: '/jmap/',
    downloadUrl: '/jmap/download/{accountId}/{blobId}/{name}?accept={type}',
    uploadUrl: '/jmap/upload/{accountId}/',
    eventSourceUrl: '/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}',
    state: '0',
  };
}

describe('resolving session URLs', () => {
  it('resolves root-relative paths and keeps template braces unencoded', () => {
    expect(resolveUrl('/jmap/download/{accountId}/{blobId}/{name}?accept={type}', 'http://127.0.0.1:8080/jmap/')).toBe(
      'http://127.0.0.1:8080/jmap/download/{accountId}/{blobId}/{name}?accept={type}',
    );
  });

  it('rebuilds Cyrus\' host-less "wss:/jmap/ws/" from the session host instead of reading "jmap" as the host', () => {
    expect(new URL('wss:/jmap/ws/').host).toBe('jmap'); // the trap
    expect(resolveUrl('wss:/jmap/ws/', 'https://mail.example.com/jmap/')).toBe('wss://mail.example.com/jmap/ws/');
  });

  it('resolves path-relative, dot-segment, scheme-relative and absolute forms', () => {
    const base = 'https://h.example/a/b/session';
    expect(resolveUrl('api', base)).toBe('https://h.example/a/b/api');
    expect(resolveUrl('./api', base)).toBe('https://h.example/a/b/api');
    expect(resolveUrl('../up/{accountId}', base)).toBe('https://h.example/a/up/{accountId}');
    expect(resolveUrl('//other.example/x', base)).toBe('https://other.example/x');
    expect(resolveUrl('https://api.fastmail.com/jmap/api/', base)).toBe('https://api.fastmail.com/jmap/api/');
  });

  it('rewrites absolute URLs to the connected origin, ws following http(s)', () => {
    expect(rewriteToOrigin('http://localhost/jmap/download/{accountId}', 'https://mail.example.com')).toBe(
      'https://mail.example.com/jmap/download/{accountId}',
    );
    expect(rewriteToOrigin('ws://localhost/jmap/ws', 'https://mail.example.com')).toBe('wss://mail.example.com/jmap/ws');
  });

  it('resolves a whole Cyrus-like session, and rewrites a James-like one', () => {
    const s = resolveSession(checkSession(cyrusLikeSession(), 'http://127.0.0.1:8080/jmap/'), 'http://127.0.0.1:8080/jmap/');
    expect(s.apiUrl).toBe('http://127.0.0.1:8080/jmap/');
    expect(s.uploadUrl).toBe('http://127.0.0.1:8080/jmap/upload/{accountId}/');
    expect((s.capabilities['urn:ietf:params:jmap:websocket'] as { url: string }).url).toBe('wss://127.0.0.1:8080/jmap/ws/');

    const james = { ...cyrusLikeSession(), apiUrl: 'http://localhost/jmap', uploadUrl: 'http://localhost/upload/{accountId}' };
    const r = resolveSession(
      checkSession(james, 'https://mail.example.com/jmap/session'),
      'https://mail.example.com/jmap/session',
      'https://mail.example.com',
    );
    expect(r.apiUrl).toBe('https://mail.example.com/jmap');
    expect(r.uploadUrl).toBe('https://mail.example.com/upload/{accountId}');
  });

  it('appends the event source query when the URL has no template (Fastmail)', () => {
    expect(appendQuery('https://api.fastmail.com/jmap/event/', { types: '*', closeafter: 'no', ping: '30' })).toBe(
      'https://api.fastmail.com/jmap/event/?types=*&closeafter=no&ping=30',
    );
    expect(appendQuery('https://x/e?a=1', { ping: '5' })).toBe('https://x/e?a=1&ping=5');
  });
});

describe('discovery candidates', () => {
  it('tries /.well-known/jmap for a bare server URL, the URL itself first otherwise', () => {
    expect(discoveryCandidates('https://mail.example.com')).toEqual(['https://mail.example.com/.well-known/jmap']);
    expect(discoveryCandidates('http://127.0.0.1:8080/jmap/')).toEqual([
      'http://127.0.0.1:8080/jmap/',
      'http://127.0.0.1:8080/.well-known/jmap',
    ]);
    expect(discoveryCandidates('https://h/.well-known/jmap')).toEqual(['https://h/.well-known/jmap']);
  });
});

describe('session checks', () => {
  it('calls something without capabilities "not a JMAP server"', () => {
    expect(() => checkSession({ hello: 'world' }, 'https://www.example.com/')).toThrow(NotJmapError);
    expect(() => checkSession({ hello: 'world' }, 'https://www.example.com/')).toThrow(
      'The server at www.example.com is not a JMAP server',
    );
  });

  it('names the malformed field of a session', () => {
    const bad = { ...cyrusLikeSession(), state: 7 };
    expect(() => checkSession(bad, 'http://h/jmap/')).toThrow(ProtocolError);
    expect(() => checkSession(bad, 'http://h/jmap/')).toThrow('"state" should be a string but is number 7');
    const badLimit = cyrusLikeSession();
    (badLimit.capabilities as Record<string, Record<string, unknown>>)['urn:ietf:params:jmap:core']!.maxCallsInRequest = '50';
    expect(() => checkSession(badLimit, 'http://h/jmap/')).toThrow('capabilities.core.maxCallsInRequest');
  });

  it('fills limits a server leaves out with RFC 8620 minimums', () => {
    const s = cyrusLikeSession();
    (s.capabilities as Record<string, unknown>)['urn:ietf:params:jmap:core'] = {};
    const checked = checkSession(s, 'http://h/jmap/');
    expect(checked.capabilities['urn:ietf:params:jmap:core'].maxCallsInRequest).toBe(16);
    expect(checked.eventSourceUrl).toBe('/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}');
  });
});

describe('which sessions are pointed back at the origin they were read from', () => {
  // A Fastmail-like session: the API on one host, downloads on another, both on purpose.
  const session = () => ({
    ...cyrusLikeSession(),
    apiUrl: 'https://api.mail.example/jmap/api/',
    downloadUrl: 'https://content.mail.example/download/{accountId}/{blobId}/{name}?type={type}',
  });

  it("keeps a directly reached server's other hosts", () => {
    const url = 'https://api.mail.example/jmap/session';
    const rewrite = reachedThroughHere(url, 'https://webmail.example') ? originOf(url) : undefined;
    expect(resolveSession(checkSession(session(), url), url, rewrite).downloadUrl).toBe(
      'https://content.mail.example/download/{accountId}/{blobId}/{name}?type={type}',
    );
  });

  it("points a server behind the app's own proxy back at the proxy", () => {
    const url = 'https://webmail.example/jmap/session';
    const rewrite = reachedThroughHere(url, 'https://webmail.example') ? originOf(url) : undefined;
    expect(resolveSession(checkSession(session(), url), url, rewrite).downloadUrl).toBe(
      'https://webmail.example/download/{accountId}/{blobId}/{name}?type={type}',
    );
  });

  it('rewrites nothing where there is no page or worker origin (node)', () => {
    expect(reachedThroughHere('http://127.0.0.1:8080/jmap/', undefined)).toBe(false);
  });
});
