import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY } from './wire/session.ts';
import { authFor, backend, connectAs } from '../../testing/backends/connect.ts';
import { startFaultyProxy, type FaultyProxy } from '../../testing/faults/proxy.ts';
import { connect } from './client.ts';

describe('session discovery', () => {
  it('finds the session from the bare server URL through /.well-known/jmap and its redirect', async () => {
    const b = backend();
    const client = await connectAs('alice');
    // Cyrus redirects to ".../jmap" (no trailing slash) and serves the session there too.
    expect(client.sessionUrl.replace(/\/$/, '')).toBe(b.sessionUrl.replace(/\/$/, ''));
    // Cyrus sends relative URLs: they must come back absolute, on the server's origin.
    expect(client.apiUrl.startsWith(b.origin)).toBe(true);
    expect(client.session.uploadUrl).toContain('{accountId}');
    expect(client.session.downloadUrl).toContain('{blobId}');
    expect(client.supports(CAPABILITY.mail)).toBe(true);
    expect(client.accountId).toBeTruthy();
    expect(client.limits.maxCallsInRequest).toBeGreaterThan(0);
    if (b.name === 'cyrus') expect(client.limits.maxCallsInRequest).toBe(50);
    const echo = await client.call('Core/echo', { hello: 'world' });
    expect(echo).toEqual({ hello: 'world' });
  });

  it('also connects when given the session URL itself', async () => {
    const b = backend();
    const client = await connect({ url: b.sessionUrl, auth: authFor(b.users.alice) });
    expect(client.sessionUrl).toBe(b.sessionUrl);
    expect(client.username).toBeTruthy();
  });

  describe('behind a proxy on another origin', () => {
    let proxy: FaultyProxy;
    beforeAll(async () => {
      proxy = await startFaultyProxy(backend().origin);
    });
    afterAll(() => proxy.close());

    it('rewrites the session URLs to the origin the client connected to', async () => {
      const b = backend();
      const client = await connect({ url: proxy.origin, auth: authFor(b.users.alice), rewriteUrlsToOrigin: true });
      for (const url of [client.sessionUrl, client.apiUrl, client.session.uploadUrl, client.session.downloadUrl]) {
        expect(url.startsWith(proxy.origin)).toBe(true);
      }
      const before = proxy.apiRequests;
      await client.call('Mailbox/get', { ids: null });
      expect(proxy.apiRequests).toBe(before + 1);
    });
  });
});
