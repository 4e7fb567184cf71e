/**
 * Every server that serves the app sends the page policy (packages/app-origin/pagePolicy.ts)
 * on the page, its scripts and the service worker: the app server, the demo server behind `npm start`,
 * and `vite preview`. The policy itself is checked directive by directive, so a
 * loosening (an 'unsafe-inline', a missing frame-ancestors) fails here by name.
 * The page the service worker serves offline, and Trusted Types enforced in the page,
 * are proven in Chromium by e2e/PageHardeningHoldsOnEveryServingPath.e2e.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../packages/demo-server/test-harness.ts';
import { PAGE_CSP, PAGE_CSP_META, PAGE_HEADERS, TRUSTED_TYPES_POLICIES } from '../../../packages/app-origin/index.ts';
import { startAppServer } from './server.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the page policy', () => {
  const csp = directives(PAGE_CSP);
  it('runs only the app own scripts, with Trusted Types and no framing', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(PAGE_CSP).not.toMatch(/unsafe-eval|unsafe-hashes|strict-dynamic|'nonce-|'sha\d+-/);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https:', 'http:']);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(csp.get('trusted-types')).toEqual([...TRUSTED_TYPES_POLICIES]);
    expect(csp.get('trusted-types')).not.toContain("'allow-duplicates'");
    // 'unsafe-inline' only where the mail frame (a srcdoc frame inherits this policy) needs it.
    for (const [name, values] of csp) if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
  });
  it('has a <meta> form with everything a meta may carry', () => {
    const meta = directives(PAGE_CSP_META);
    expect(meta.has('frame-ancestors')).toBe(false);
    for (const [name, values] of csp) if (name !== 'frame-ancestors') expect(meta.get(name), name).toEqual(values);
  });
  it('sends no referrer, isolates the window, turns off what mail never uses', () => {
    expect(PAGE_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(PAGE_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(PAGE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(PAGE_HEADERS['X-Frame-Options']).toBe('DENY');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
      expect(PAGE_HEADERS['Permissions-Policy']).toContain(`${feature}=()`);
  });
});

describe('every serving path sends it', () => {
  let dir: string;
  const stops: (() => Promise<void>)[] = [];
  const origins: Record<string, string> = {};
  const upstreamSaw: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'page-policy-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Mail</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.x = 1;');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    const app = await startAppServer({ staticDir: dir, upstream: 'http://127.0.0.1:9' });
    origins['app server'] = app.origin;
    stops.push(() => app.stop());
    const demo = await startTestServer({ staticDir: dir });
    origins['demo server'] = demo.origin;
    stops.push(() => demo.stop());
    // vite preview with the project's own config (vite.config.ts), serving `dir`, its
    // JMAP proxy pointed at an upstream that sets what a mail server must not.
    const upstream = createServer((req, res) => {
      upstreamSaw.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'sid=evil', 'Clear-Site-Data': '"storage"' }).end('{}');
    });
    await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
    stops.push(() => new Promise<void>((ok) => upstream.close(() => ok())));
    process.env.JMAP_PROXY_TARGET = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const { preview } = await import('vite');
    const previewServer = await preview({
      logLevel: 'silent',
      build: { outDir: dir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
    });
    const address = previewServer.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('vite preview did not listen');
    origins['vite preview'] = `http://127.0.0.1:${address.port}`;
    stops.push(() => previewServer.close());
    delete process.env.JMAP_PROXY_TARGET;
  }, 60_000);
  afterAll(async () => {
    for (const stop of stops) await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const server of ['app server', 'demo server', 'vite preview']) {
    it(`${server}: the page, an app route, a script and the service worker`, async () => {
      for (const path of ['/', '/inbox/some-thread', '/assets/app-1234.js', '/sw.js']) {
        const res = await fetch(origins[server] + path);
        expect(res.status, `${server} ${path}`).toBe(200);
        for (const [name, value] of Object.entries(PAGE_HEADERS)) expect(res.headers.get(name), `${server} ${path} ${name}`).toBe(value);
      }
    });
  }

  it('vite preview: its JMAP proxy is guarded like the app server', async () => {
    const ok = await fetch(origins['vite preview'] + '/jmap/session');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toBeNull();
    expect(ok.headers.get('clear-site-data')).toBeNull();
    const refused = await fetch(origins['vite preview'] + '/jmap/download/a/b/x%0d%0aSet-Cookie:%20a=b');
    expect(refused.status).toBe(400);
    expect(upstreamSaw.some((u) => /%0d/i.test(u))).toBe(false);
  });
});
