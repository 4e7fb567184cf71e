import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './server.ts';

let upstream: Server;
let upstreamOrigin: string;
let app: AppServer;
const dir = mkdtempSync(join(tmpdir(), 'appserver-'));

beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(dir, 'sw.js'), 'self.x=1');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'appserver-secret.txt'), 'secret');
  // A stand-in upstream shaped like Cyrus: a 301 from /.well-known/jmap to its own
  // absolute URL, a session, and an event stream that stays open.
  upstream = createServer((req, res) => {
    if (req.url === '/.well-known/jmap') {
      res.writeHead(301, { Location: `${upstreamOrigin}/jmap/` });
      res.end();
    } else if (req.url === '/jmap/') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ auth: req.headers.authorization ?? null, host: req.headers.host }));
    } else if (req.url === '/jmap/echo' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.end(body));
    } else if (req.url?.startsWith('/jmap/eventsource')) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('event: ping\ndata: {}\n\n');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
  upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  app = await startAppServer({ staticDir: dir, upstream: upstreamOrigin });
});

afterAll(async () => {
  await app.stop();
  upstream.closeAllConnections();
  await new Promise((ok) => upstream.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

describe('the app server', () => {
  it('rewrites the upstream well-known redirect to a same-origin path', async () => {
    const res = await fetch(`${app.origin}/.well-known/jmap`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/jmap/');
  });

  it('forwards credentials and bodies to the upstream', async () => {
    const res = await fetch(`${app.origin}/jmap/`, { headers: { Authorization: 'Basic YTpi' } });
    expect(await res.json()).toEqual({ auth: 'Basic YTpi', host: new URL(upstreamOrigin).host });
    const echo = await fetch(`${app.origin}/jmap/echo`, { method: 'POST', body: '{"using":[]}' });
    expect(await echo.text()).toBe('{"using":[]}');
  });

  it('streams an event stream without waiting for its end', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${app.origin}/jmap/eventsource?types=*`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('event: ping');
    ctrl.abort();
  });

  it('serves the shell for client routes, and revalidates index.html and sw.js', async () => {
    const route = await fetch(`${app.origin}/mailbox/inbox`);
    expect(await route.text()).toContain('<title>shell</title>');
    expect((await fetch(`${app.origin}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${app.origin}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('never serves a file outside its folder', async () => {
    const res = await fetch(`${app.origin}/..%2fappserver-secret.txt`);
    expect(await res.text()).not.toContain('secret');
    const missing = await fetch(`${app.origin}/nope.js`);
    expect(missing.status).toBe(404);
  });

  it('says in words that the mail server is unreachable', async () => {
    const dead = await startAppServer({ staticDir: dir, upstream: 'http://127.0.0.1:1' });
    try {
      const res = await fetch(`${dead.origin}/jmap/`);
      expect(res.status).toBe(502);
      const body = (await res.json()) as { detail: string };
      expect(body.detail).toMatch(/could not reach the mail server at http:\/\/127\.0\.0\.1:1/);
    } finally {
      await dead.stop();
    }
  });
});
