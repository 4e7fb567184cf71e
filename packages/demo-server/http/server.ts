import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DOWNLOAD_DISPOSITION, FORCED_ANSWER_HEADERS, bareMediaType, refusedTarget, serveStatic } from '../../app-origin/index.ts';
import { processRequest, validateRequest } from '../api/dispatch.ts';
import { JMAP_ERROR, RequestError, limitError } from '../errors.ts';
import { initialFaults, takeDrop, takeFailure } from '../faults.ts';
import { DEMO_USERS, ensureAccount } from '../mail/accounts.ts';
import { listOutbound } from '../mail/deliver.ts';
import { resolveBlob } from '../mail/resolve-blob.ts';
import type { Services } from '../methods/context.ts';
import { releaseDueSubmissions } from '../methods/submission.ts';
import { getProfile, type ProfileName } from '../profiles.ts';
import { seedDemoData } from '../seed/seed.ts';
import { putBlob } from '../data/blobs.ts';
import { getMeta, openDb } from '../data/db.ts';
import { forgetEmailCaches } from '../data/emails.ts';
import type { User } from '../data/users.ts';
import type { JmapRequest } from '../wire.ts';
import { authenticate } from './auth.ts';
import { handleControl } from './control.ts';
import { PushHub } from './push.ts';
import { problem, readBody, sendJson, sendProblem, sleep } from './respond.ts';
import { PATHS, buildSession } from './session.ts';
import { WebPushSender, vapidKeys } from './webpush.ts';

export interface DemoServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where the SQLite database lives; created if missing. */
  dataDir: string;
  profile?: ProfileName;
  /** Enables /__control (fault switches, delivery) for tests. */
  control?: boolean;
  /** Seed the demo mailbox on first start with an empty database (default true). */
  seed?: boolean;
  /** Also serve the built app from this folder on the same origin. */
  staticDir?: string;
  /** Override how many /changes entries are kept per type (tests of the horizon). */
  changeHistory?: number;
}

export interface DemoServer {
  origin: string;
  stop(): Promise<void>;
}

/** Serializes API requests per account, so a /set's state check and its write see the same data. */
class AccountLocks {
  private tails = new Map<string, Promise<void>>();
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.tails.set(key, tail);
    await prev;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** A percent-encoded path segment; malformed escapes are the client's error (400). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw problem(400, `The path segment ${JSON.stringify(segment)} is not valid percent-encoded UTF-8`);
  }
}

export async function startDemoServer(opts: DemoServerOptions): Promise<DemoServer> {
  const base = getProfile(opts.profile);
  const profile = opts.changeHistory ? { ...base, changeHistory: opts.changeHistory } : base;
  const db = openDb(opts.dataDir);
  const faults = initialFaults();
  const push = new PushHub(db, profile);
  const now = () => new Date(Date.now() + faults.clockOffsetMs);
  const vapid = profile.webPush ? vapidKeys(db) : null;
  const webPush = vapid ? new WebPushSender(db, vapid, now) : null;
  if (webPush) push.listen((a, t) => webPush.changed(a, t));
  const services: Services = {
    db,
    profile,
    faults,
    notify: (a, t) => push.notify(a, t),
    now,
    ...(webPush ? { webPush } : {}),
  };
  for (const u of DEMO_USERS) ensureAccount(services, u);
  if ((opts.seed ?? true) && !getMeta(db, 'seeded')) await seedDemoData(services);
  const staticDir = opts.staticDir ? resolve(opts.staticDir) : null;
  const locks = new AccountLocks();
  const inFlight = new Map<string, number>();
  const uploads = new Map<string, number>();
  let origin = '';

  const withCount = async <T>(map: Map<string, number>, key: string, max: number, limit: string, fn: () => Promise<T>): Promise<T> => {
    const n = map.get(key) ?? 0;
    if (n >= max) throw limitError(limit, `More than ${max} requests at once (${limit}); wait for one to finish`);
    map.set(key, n + 1);
    try {
      return await fn();
    } finally {
      map.set(key, (map.get(key) ?? 1) - 1);
    }
  };

  /** Latency and forced failures, for every JMAP request but the event source. */
  const applyFaults = async (): Promise<void> => {
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const f = takeFailure(faults);
    if (f) {
      const headers: Record<string, string> = f.status === 429 || f.status === 503 ? { 'Retry-After': String(f.retryAfter) } : {};
      throw new RequestError(f.status, 'about:blank', `The server is unavailable (status ${f.status} forced by the test control)`, {
        headers,
      });
    }
  };

  const drop = (res: ServerResponse) => {
    res.socket?.destroy();
  };

  async function api(req: IncomingMessage, res: ServerResponse, user: User): Promise<void> {
    const body = await readBody(req, profile.limits.maxSizeRequest, 'maxSizeRequest');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new RequestError(400, JMAP_ERROR.notJSON, 'The request body is not valid JSON');
    }
    const request: JmapRequest = validateRequest(parsed, profile.limits.maxCallsInRequest);
    const sessionState = buildSession(user, profile, origin, vapid?.publicKey ?? null).state as string;
    // Added latency counts as time in flight, as a slow server's would.
    const response = await withCount(inFlight, user.username, profile.limits.maxConcurrentRequests, 'maxConcurrentRequests', async () => {
      await applyFaults();
      // Held mail whose time has come goes before the request is answered, so a moved
      // clock (clockOffsetMs) is seen at once, not only at the next tick of the timer.
      await releaseDueSubmissions(services);
      return locks.run(user.accountId, () => processRequest(services, user, request, sessionState));
    });
    if (
      takeDrop(
        faults,
        request.methodCalls.map((c) => c[0]),
      )
    )
      return drop(res);
    sendJson(res, 200, response);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, user: User, accountId: string): Promise<void> {
    await applyFaults();
    if (accountId !== user.accountId) throw problem(404, `No account ${accountId} for ${user.username}`);
    const result = await withCount(uploads, user.username, profile.limits.maxConcurrentUpload, 'maxConcurrentUpload', async () => {
      const bytes = await readBody(req, profile.limits.maxSizeUpload, 'maxSizeUpload');
      const type = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim() || 'application/octet-stream';
      const blob = putBlob(db, accountId, bytes, type, services.now());
      return { accountId, blobId: blob.blobId, type, size: blob.size };
    });
    if (takeDrop(faults, [])) return drop(res);
    sendJson(res, 201, result);
  }

  /**
   * The bytes of a blob. It is served on the app's origin (npm start), so it must never
   * render there: the type is only a bare type/subtype (?accept= if it is one, else the
   * blob's), and the answer is an attachment with a constant name (the app names saved
   * files itself), nosniff and a sandboxing CSP (packages/app-origin/jmap-guard.ts, set in route()). The
   * {name} segment is not used at all: it is text from the mail.
   */
  async function download(res: ServerResponse, user: User, url: URL, rest: string[]): Promise<void> {
    await applyFaults();
    const [accountId, blobId] = rest.map(decodeSegment);
    if (!accountId || !blobId) throw problem(404, 'A download URL names an account and a blob');
    if (accountId !== user.accountId) throw problem(404, `No account ${accountId} for ${user.username}`);
    const blob = await resolveBlob(services, accountId, blobId);
    if (!blob) throw problem(404, `No blob ${blobId} in this account`);
    const type = bareMediaType(url.searchParams.get('accept')) ?? bareMediaType(blob.type) ?? 'application/octet-stream';
    res.writeHead(200, {
      ...FORCED_ANSWER_HEADERS,
      'Content-Type': type,
      'Content-Length': blob.data.length,
      'Content-Disposition': DOWNLOAD_DISPOSITION,
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
    res.end(blob.data);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // JMAP and the app share this origin: a target that decodes to a control character
    // is refused before any route sees it, and no JMAP answer can render as a page of
    // it (packages/app-origin/jmap-guard.ts). The demo writes only its own headers, never text from a
    // request or a mail, so there are no foreign headers to drop.
    const refused = refusedTarget(req.url ?? '/');
    if (refused) {
      for (const [name, value] of Object.entries(FORCED_ANSWER_HEADERS)) res.setHeader(name, value);
      throw problem(400, refused);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/jmap') || path.startsWith('/.well-known/') || path.startsWith('/__')) {
      for (const [name, value] of Object.entries(FORCED_ANSWER_HEADERS)) res.setHeader(name, value);
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Last-Event-ID',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (path === '/.well-known/jmap') {
      const target = (profile.absoluteUrls ? origin : '') + profile.sessionPath;
      res.writeHead(profile.wellKnownStatus, { Location: target, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (path.startsWith('/__control')) {
      if (!opts.control) throw problem(404, 'Not found (the control endpoints are off)');
      return handleControl(req, res, path, services, push);
    }
    if (path === '/__demo/outbound' && req.method === 'GET') {
      const user = authenticate(req, db, profile);
      return sendJson(res, 200, listOutbound(db, user.accountId));
    }
    if (path.startsWith('/jmap')) {
      const user = authenticate(req, db, profile);
      if ((path === profile.sessionPath || path === '/jmap' || path === '/jmap/' || path === '/jmap/session') && req.method === 'GET') {
        await applyFaults();
        return sendJson(res, 200, buildSession(user, profile, origin, vapid?.publicKey ?? null));
      }
      if ((path === PATHS.api || path === '/jmap/api') && req.method === 'POST') return api(req, res, user);
      if (path.startsWith(PATHS.upload) && req.method === 'POST')
        return upload(req, res, user, decodeSegment(path.slice(PATHS.upload.length).split('/')[0] ?? ''));
      if (path.startsWith(PATHS.download) && req.method === 'GET')
        return download(res, user, url, path.slice(PATHS.download.length).split('/'));
      if ((path === PATHS.eventSource || path === '/jmap/eventsource') && req.method === 'GET') return push.open(req, res, user, url);
      throw problem(404, `Nothing at ${req.method} ${path}`);
    }
    if (staticDir && (await serveStatic(staticDir, req, res))) return;
    throw problem(404, `Nothing at ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e instanceof RequestError) return sendProblem(res, e);
      console.error('demo server: request failed:', e);
      sendProblem(res, problem(500, `The demo server failed: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
  server.keepAliveTimeout = 5000;
  // Held submissions are sent within a second of their time, requests or not.
  let releasing: Promise<void> = Promise.resolve();
  const releaseTimer = setInterval(() => {
    releasing = releasing.then(() => releaseDueSubmissions(services)).catch((e: unknown) => console.error('demo server: held mail:', e));
  }, 1000);
  releaseTimer.unref();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
  const addr = server.address() as AddressInfo;
  origin = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  return {
    origin,
    async stop() {
      clearInterval(releaseTimer);
      await releasing;
      push.closeAll();
      await webPush?.stop();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      forgetEmailCaches(db);
      db.close();
    },
  };
}
