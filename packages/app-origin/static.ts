import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { PAGE_HEADERS } from './pagePolicy.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built app from `root`. Invariants: never serves a path outside root;
 * index.html and sw.js are revalidated on every load (a stale service worker script
 * would pin users to an old version); hashed assets are immutable; an unknown path
 * without an extension is a client-side route and gets index.html (SPA fallback).
 * Returns false when it did not answer (the caller sends its own 404).
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(root, pathname));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info && !extname(pathname)) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) return false;
  const name = file.slice(root.length);
  const revalidate = /(^|\/)(index\.html|sw\.js|manifest\.webmanifest)$/.test(name);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': revalidate ? 'no-cache' : name.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    // The page's CSP, Trusted Types and the rest (pagePolicy.ts) on every file: the
    // policy of index.html governs the page, that of sw.js the service worker.
    ...PAGE_HEADERS,
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file).pipe(res);
  return true;
}
