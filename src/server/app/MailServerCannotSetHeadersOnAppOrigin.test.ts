/**
 * The proxy puts the upstream's answers on the app's origin, so an upstream (or a mail
 * that tricks it) must not be able to set cookies there, wipe its storage or make a
 * download render as a page. The fake upstream imitates Cyrus 3.6.1 on the wire: it
 * copies the decoded download name into Content-Disposition, CR/LF included
 * (docs/servers/cyrus.md), and some paths answer with hostile headers outright.
 */
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './server.ts';

/** Headers a mail server has no business setting on the app's origin. */
const HOSTILE_HEADERS: [string, string][] = [
  ['Set-Cookie', 'sid=evil; Path=/'],
  ['Set-Cookie2', 'sid2=evil'],
  ['Clear-Site-Data', '"storage"'],
  ['Refresh', '0; url=https://evil.example/'],
  ['Link', '<https://evil.example/x.css>; rel=preload; as=style'],
  ['Content-Security-Policy-Report-Only', "default-src 'none'; report-uri https://evil.example/"],
  ['Report-To', '{"group":"x","max_age":1,"endpoints":[{"url":"https://evil.example/"}]}'],
  ['NEL', '{"report_to":"x","max_age":31536000}'],
  ['Service-Worker-Allowed', '/'],
  ['Origin-Agent-Cluster', '?0'],
  ['Strict-Transport-Security', 'max-age=31536000'],
  ['Alt-Svc', 'h2="evil.example:443"'],
  ['Access-Control-Allow-Origin', 'https://evil.example'],
  ['Access-Control-Allow-Credentials', 'true'],
  ['Content-Security-Policy', 'script-src *'],
  ['X-Injected', 'yes'],
];
const HOSTILE_NAMES = HOSTILE_HEADERS.map(([n]) => n.toLowerCase()).filter((n) => n !== 'content-security-policy');

const BYTES = Buffer.from('<script>document.cookie="x=1"</script>\x00\x01\xff binary', 'latin1');

let upstream: NetServer;
let upstreamOrigin: string;
let app: AppServer;
let seen: { target: string; head: string }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'appserver-hdrs-'));

function answer(socket: Socket, status: string, headerLines: string[], body: Buffer | string, keepOpen = false): void {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  const framing = keepOpen ? ['Transfer-Encoding: chunked'] : [`Content-Length: ${data.length}`, 'Connection: close'];
  socket.write([`HTTP/1.1 ${status}`, ...headerLines, ...framing].join('\r\n') + '\r\n\r\n', 'latin1');
  if (keepOpen) socket.write(`${data.length.toString(16)}\r\n${data.toString('latin1')}\r\n`, 'latin1');
  else socket.end(data);
}

/** One request on a raw socket, answered the way the path asks. */
function serveRaw(socket: Socket): void {
  let buf = '';
  socket.on('data', (chunk: Buffer) => {
    buf += chunk.toString('latin1');
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buf.slice(0, end);
    buf = '';
    const target = head.split(' ')[1] ?? '/';
    seen.push({ target, head });
    const path = target.split('?')[0]!;
    if (path.startsWith('/jmap/download/')) {
      // Cyrus 3.6.1: the decoded {name} goes into Content-Disposition as it is.
      const name = decodeURIComponent(path.split('/')[5] ?? 'download');
      const accept = new URLSearchParams(target.split('?')[1] ?? '').get('accept') ?? 'application/octet-stream';
      answer(
        socket,
        '200 OK',
        [
          `Content-Type: ${accept}`,
          `Content-Disposition: inline; filename="${name}"`,
          ...(name === 'hostile' ? HOSTILE_HEADERS.map(([n, v]) => `${n}: ${v}`) : []),
        ],
        BYTES,
      );
    } else if (path === '/jmap/') {
      answer(
        socket,
        '200 OK',
        ['Content-Type: application/json', ...HOSTILE_HEADERS.map(([n, v]) => `${n}: ${v}`)],
        JSON.stringify({ ok: true }),
      );
    } else if (path === '/jmap/error-page') {
      answer(socket, '404 Not Found', ['Content-Type: text/html'], '<h1>not found</h1><script>alert(1)</script>');
    } else if (path.startsWith('/jmap/eventsource')) {
      answer(
        socket,
        '200 OK',
        ['Content-Type: text/event-stream', 'Set-Cookie: sse=evil', 'Clear-Site-Data: "*"'],
        'event: ping\ndata: {}\n\n',
        true,
      );
    } else {
      answer(socket, '404 Not Found', [], '');
    }
  });
  socket.on('error', () => {});
}

interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  rawNames: string[];
  body: Buffer;
}

/** A GET whose answer is read raw, every header line kept. */
function get(path: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((ok, fail) => {
    const req = request(`${app.origin}${path}`, { headers }, (res) => {
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

function expectNoHostileHeaders(got: Got): void {
  for (const name of HOSTILE_NAMES) expect(got.rawNames, name).not.toContain(name);
  expect(got.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  expect(got.headers['x-content-type-options']).toBe('nosniff');
}

beforeAll(async () => {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  upstream = createNetServer(serveRaw);
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
  upstreamOrigin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  app = await startAppServer({ staticDir: dir, upstream: upstreamOrigin });
});

beforeEach(() => {
  seen = [];
});

afterAll(async () => {
  await app.stop();
  await new Promise((ok) => upstream.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

describe('a mail server behind the proxy cannot set headers on the app origin', () => {
  it('the fake upstream really is injectable, as Cyrus 3.6.1 is', async () => {
    const res = await new Promise<IncomingHttpHeaders>((ok, fail) => {
      request(`${upstreamOrigin}/jmap/download/A/B/x%0D%0ASet-Cookie:%20sid=evil`, (r) => {
        r.resume();
        ok(r.headers);
      })
        .on('error', fail)
        .end();
    });
    expect(res['set-cookie']).toEqual([expect.stringMatching(/^sid=evil/)]);
  });

  const hostileTargets = [
    '/jmap/download/A/B/x%0D%0ASet-Cookie:%20sid=evil?accept=text/plain',
    '/jmap/download/A/B/x%0ASet-Cookie:%20sid=evil',
    '/jmap/download/A/B/x%0DClear-Site-Data:%20%22storage%22',
    '/jmap/download/A/B/x%00.pdf',
    '/jmap/download/A/B/x%09y',
    '/jmap/download/A/B/x%7F',
    '/jmap/download/A/B/x%250D%250ASet-Cookie:%20sid=evil',
    '/jmap/download/A/B/x%C2%85y',
    '/jmap/download/A/B/x.pdf?accept=text/html%0D%0ASet-Cookie:%20sid=evil',
    '/jmap/download/A/B/x.pdf?accept=text/html&x=%0A',
    '/jmap/api/%0D%0A',
    '/.well-known/jmap%0D%0AX:%201',
  ];
  for (const target of hostileTargets) {
    it(`refuses ${target} with 400 and never forwards it`, async () => {
      const got = await get(target);
      expect(got.status).toBe(400);
      expect(got.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(got.body.toString()).detail).toMatch(/control character/);
      expectNoHostileHeaders(got);
      expect(seen).toEqual([]);
    });
  }

  it('passes a download with none of the hostile headers, forced to be an attachment, bytes intact', async () => {
    const got = await get('/jmap/download/A/B/hostile?accept=text/html', { Authorization: 'Basic YTpi' });
    expect(seen).toHaveLength(1);
    expect(got.status).toBe(200);
    expectNoHostileHeaders(got);
    expect(got.headers['content-disposition']).toBe('attachment; filename="download"');
    expect(got.rawNames.filter((n) => n === 'content-disposition')).toHaveLength(1);
    expect(got.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(got.headers['content-type']).toBe('text/html');
    expect(Buffer.compare(got.body, BYTES)).toBe(0);
  });

  it('drops hostile headers from a JSON answer and labels it, without making it a download', async () => {
    const got = await get('/jmap/');
    expectNoHostileHeaders(got);
    expect(got.headers['content-disposition']).toBeUndefined();
    expect(JSON.parse(got.body.toString())).toEqual({ ok: true });
  });

  it('makes an upstream HTML page an attachment that cannot run', async () => {
    const got = await get('/jmap/error-page');
    expect(got.status).toBe(404);
    expectNoHostileHeaders(got);
    expect(got.headers['content-disposition']).toBe('attachment; filename="download"');
  });

  it("does not forward the app origin's cookies to the mail server", async () => {
    await get('/jmap/', { Cookie: 'app=secret', Authorization: 'Basic YTpi' });
    expect(seen[0]!.head.toLowerCase()).not.toContain('cookie');
    expect(seen[0]!.head).toContain('Basic YTpi');
  });

  it('still streams an event stream, without its hostile headers', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${app.origin}/jmap/eventsource/?types=*`, { signal: ctrl.signal });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('clear-site-data')).toBeNull();
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const first = await res.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain('event: ping');
    ctrl.abort();
  });
});
