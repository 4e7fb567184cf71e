/**
 * Two loopback servers for the hostile-mail tests:
 * - the harness origin, serving the test page bundled on the fly with esbuild;
 * - the "remote host" (remote.test, mapped to it by Chromium's host resolver rules),
 *   which counts every connection and request, so "nothing reached it" is measured,
 *   not assumed. It answers images with a real 1x1 PNG and styles with real CSS, so
 *   a load it allows does succeed.
 */
import { build } from 'esbuild';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./harness/main.tsx', import.meta.url));

/** A 1x1 transparent PNG. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title>
<link rel="stylesheet" href="/main.css"></head><body><script type="module" src="/main.js"></script></body></html>`;

export interface HarnessServer {
  origin: string;
  /** Paths requested on the harness origin that are not the page itself. */
  unexpected: string[];
  stop(): Promise<void>;
}

export interface RemoteServer {
  port: number;
  /** Paths requested, in order. */
  requests: string[];
  /** TCP connections accepted (a TLS attempt counts too, though it never becomes a request). */
  connections: number;
  stop(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Bundles the harness page (React in production mode, like the built app). */
export async function bundleHarness(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    outdir: '/harness-out',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const file = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  const js = file('.js');
  if (!js) throw new Error('esbuild produced no JavaScript for the hostile-mail harness');
  return { js, css: file('.css') };
}

export async function startHarnessServer(): Promise<HarnessServer> {
  const { js, css } = await bundleHarness();
  const unexpected: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/') return send('text/html; charset=utf-8', PAGE);
    if (path === '/main.js') return send('text/javascript; charset=utf-8', js);
    if (path === '/main.css') return send('text/css; charset=utf-8', css);
    if (path === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    // A relative URL in a mail resolves against this page: it must never be requested.
    unexpected.push(req.url ?? '');
    res.writeHead(404).end();
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, unexpected, stop: () => close(server) };
}

export async function startRemoteServer(): Promise<RemoteServer> {
  const requests: string[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (/\.css(\?|$)/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/css' }).end('body { outline: 0 }');
    } else if (/\.(woff2?|ttf)(\?|$)/.test(path)) {
      res.writeHead(404).end();
    } else {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(PIXEL_PNG);
    }
  });
  server.on('connection', () => {
    connections++;
  });
  const port = await listen(server);
  return {
    port,
    requests,
    get connections() {
      return connections;
    },
    stop: () => close(server),
  };
}
