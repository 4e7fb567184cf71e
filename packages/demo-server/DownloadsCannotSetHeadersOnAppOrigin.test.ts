/**
 * `npm start` serves the app and this JMAP server on one origin, so a download URL (a
 * link in a mail, say) must never set headers there or render as a page of it: targets
 * that decode to control characters are refused, downloads are attachments that cannot
 * run, and no answer carries a cookie or Clear-Site-Data.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawMessage, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

const ORIGIN_WIDE = [
  'set-cookie',
  'set-cookie2',
  'clear-site-data',
  'refresh',
  'link',
  'content-security-policy-report-only',
  'service-worker-allowed',
  'origin-agent-cluster',
  'nel',
  'report-to',
  'alt-svc',
];
const HTML = '<!doctype html><script>document.cookie="x=1";localStorage.clear()</script>';

interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  rawNames: string[];
  body: Buffer;
}

let server: TestServer;
let dir: string;
let blobId: string;
let downloadBase: string;

function get(path: string, auth = true): Promise<Got> {
  return new Promise((ok, fail) => {
    const req = request(`${server.origin}${path}`, { headers: auth ? { Authorization: server.auth() } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawNames: res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

function expectCannotRender(got: Got): void {
  for (const name of ORIGIN_WIDE) expect(got.rawNames, name).not.toContain(name);
  expect(got.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  expect(got.headers['x-content-type-options']).toBe('nosniff');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-hdrs-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Mail</title>');
  server = await startTestServer({ staticDir: dir });
  // An attachment whose name carries CR/LF and headers, RFC 2231-encoded as a sender would.
  const raw = rawMessage({ subject: 'Invoice' }).replace(
    /Content-Type: text\/plain[^]*$/,
    [
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'See attached.',
      '--b',
      "Content-Type: text/html; name*=utf-8''x%0D%0ASet-Cookie%3A%20sid%3Devil",
      "Content-Disposition: attachment; filename*=utf-8''x%0D%0ASet-Cookie%3A%20sid%3Devil%0D%0AClear-Site-Data%3A%20%22storage%22.html",
      '',
      HTML,
      '--b--',
      '',
    ].join('\r\n'),
  );
  const delivered = await fetch(`${server.origin}/__control/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ to: 'alice', raw }),
  });
  expect(delivered.ok).toBe(true);
  const q = await server.one('Email/query', { filter: { subject: 'Invoice' } });
  const e = ((await server.one('Email/get', { ids: q.ids as string[], properties: ['attachments'] })).list as JsonObject[])[0]!;
  const att = (e.attachments as JsonObject[])[0]!;
  expect(att.name).toContain('\r\nSet-Cookie');
  blobId = att.blobId as string;
  downloadBase = `/jmap/download/${server.accountId()}/${blobId}/`;
});

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo server downloads cannot set headers on the app origin', () => {
  const hostile = [
    'x%0D%0ASet-Cookie:%20sid=evil',
    'x%0AClear-Site-Data:%20%22storage%22',
    'x%00.html',
    'x%250D%250ASet-Cookie:%20sid=evil',
    'x.html?accept=text/html%0D%0ASet-Cookie:%20sid=evil',
  ];
  for (const tail of hostile) {
    it(`refuses …/${tail} with 400 and a clear problem`, async () => {
      const got = await get(downloadBase + tail);
      expect(got.status).toBe(400);
      expect(got.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((JSON.parse(got.body.toString()) as { detail: string }).detail).toMatch(/control character/);
      expectCannotRender(got);
    });
  }

  it("refuses control characters on every path, the app's own included", async () => {
    expect((await get('/mailbox/inbox%0D%0ASet-Cookie:%20a=b', false)).status).toBe(400);
    expect((await get('/jmap/api/%0A', false)).status).toBe(400);
  });

  it('serves the HTML attachment as a sandboxed attachment with a constant name and its bytes intact', async () => {
    const got = await get(`${downloadBase}x.html?accept=text/html`);
    expect(got.status).toBe(200);
    expectCannotRender(got);
    expect(got.headers['content-disposition']).toBe('attachment; filename="download"');
    expect(got.body.toString()).toBe(HTML);
  });

  it('labels the bytes only with a bare type/subtype', async () => {
    const odd = await get(`${downloadBase}x?accept=${encodeURIComponent('text/html; charset=utf-7')}`);
    expect(odd.headers['content-type']).toBe('text/html');
    const junk = await get(`${downloadBase}x?accept=${encodeURIComponent('"><script>')}`);
    expect(junk.headers['content-type']).toBe('text/html');
    expectCannotRender(junk);
  });

  it("labels its other JMAP answers too, and leaves the app's pages to the app", async () => {
    expectCannotRender(await get('/jmap/'));
    expectCannotRender(await get('/jmap/nothing-here'));
    const page = await get('/mailbox/inbox', false);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy'] ?? '').not.toContain('sandbox');
  });

  it('still streams the event source', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${server.origin}/jmap/eventsource/?types=*&closeafter=no&ping=1`, {
      headers: { Authorization: server.auth() },
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('set-cookie')).toBeNull();
    const reader = res.body!.getReader();
    const first = await Promise.race([
      reader.read(),
      new Promise<never>((_, no) => setTimeout(() => no(new Error('nothing streamed within 5 s')), 5000)),
    ]);
    expect(new TextDecoder().decode(first.value).length).toBeGreaterThan(0);
    ctrl.abort();
  });
});
