import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { isJmapPath, proxyToUpstream } from './proxy.ts';
import { serveStatic } from '../../../packages/app-origin/index.ts';

export interface AppServerOptions {
  /** The built app (vite build output). */
  staticDir: string;
  /** The JMAP server whose /jmap and /.well-known/jmap are served on this origin. */
  upstream: string;
  port?: number;
  host?: string;
}

export interface AppServer {
  origin: string;
  server: Server;
  stop(): Promise<void>;
}

/** Serves the app and the JMAP API on one origin (see proxy.ts for why). */
export async function startAppServer(opts: AppServerOptions): Promise<AppServer> {
  const root = resolve(opts.staticDir);
  const upstream = new URL(opts.upstream);
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (isJmapPath(pathname)) {
      proxyToUpstream(upstream, req, res);
      return;
    }
    serveStatic(root, req, res)
      .then((served) => {
        if (served) return;
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      })
      .catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`Could not read the app's files: ${String(err)}`);
      });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    server,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
