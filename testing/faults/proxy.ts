/**
 * A tiny HTTP proxy in front of the real server, for the engine tests: it forwards
 * everything, and damages the answers to the next API POSTs the way a test asks
 * (corrupt JSON, a status with Retry-After, a connection cut mid-body, a stall).
 * It only touches API requests (POST with a JSON body), never the session or blobs.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'corruptJson' }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { kind: 'cutMidBody' }
  | { kind: 'stall' }
  /** The server processes the request, then the client's socket is closed unanswered (a lost response). */
  | { kind: 'dropAnswer' };

export interface FaultyProxy {
  origin: string;
  /** Damage the next `times` API answers (default 1); with `match`, only requests whose body contains it. */
  inject(fault: Fault, times?: number, match?: string): void;
  /** Faults injected and not yet used. */
  readonly pendingFaults: number;
  /** How many API requests reached the proxy. */
  apiRequests: number;
  close(): Promise<void>;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const pending: { fault: Fault; match?: string }[] = [];
  const sockets = new Set<Socket>();
  const state = { apiRequests: 0 };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    onAnswer?: (status: number, headers: Record<string, string | string[] | undefined>, body: Buffer) => void,
  ) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        // No compression (Cyrus gzips when asked), so the faults below cut readable JSON.
        headers: { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const data = Buffer.concat(chunks);
          if (onAnswer) onAnswer(answer.statusCode ?? 502, answer.headers, data);
          else {
            const headers = { ...answer.headers };
            // Point redirects to the server back at the proxy.
            if (typeof headers.location === 'string') headers.location = headers.location.replace(upstream.origin, proxyOrigin);
            delete headers['transfer-encoding'];
            headers['content-length'] = String(data.length);
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(data);
          }
        });
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };

  let proxyOrigin = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isApi = req.method === 'POST' && (req.headers['content-type'] ?? '').includes('json') && !req.url?.includes('upload');
      if (isApi) state.apiRequests++;
      const at = isApi ? pending.findIndex((p) => !p.match || body.includes(p.match)) : -1;
      const fault = at >= 0 ? pending.splice(at, 1)[0]!.fault : undefined;
      if (!fault) return forward(req, res, body);
      switch (fault.kind) {
        case 'status': {
          const headers: Record<string, string> = { 'Content-Type': fault.contentType ?? 'text/plain' };
          if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
          res.writeHead(fault.status, headers);
          res.end(fault.body ?? `status ${fault.status} from the test proxy`);
          return;
        }
        case 'stall':
          // Never answer; the client's timeout must fire. The socket is closed on close().
          return;
        case 'corruptJson':
          return forward(req, res, body, (status, headers, data) => {
            // Cut the real JSON in half and append garbage: no longer parseable.
            const broken = Buffer.concat([data.subarray(0, Math.floor(data.length / 2)), Buffer.from('<<garbage')]);
            res.writeHead(status, {
              'Content-Type': String(headers['content-type'] ?? 'application/json'),
              'Content-Length': String(broken.length),
            });
            res.end(broken);
          });
        case 'dropAnswer':
          return forward(req, res, body, () => res.socket?.destroy());
        case 'cutMidBody':
          return forward(req, res, body, (status, headers, data) => {
            // Promise the whole length, send half, then drop the connection.
            res.writeHead(status, {
              'Content-Type': String(headers['content-type'] ?? 'application/json'),
              'Content-Length': String(data.length),
            });
            res.write(data.subarray(0, Math.floor(data.length / 2)), () => res.socket?.destroy());
          });
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin: proxyOrigin,
    inject(fault, times = 1, match) {
      for (let i = 0; i < times; i++) pending.push({ fault, match });
    },
    get pendingFaults() {
      return pending.length;
    },
    get apiRequests() {
      return state.apiRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
