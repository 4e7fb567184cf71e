/**
 * Session discovery (RFC 8620 §2.2) and the session object's checks.
 *
 * Redirects seen in the wild: Cyrus answers /.well-known/jmap with 301 to its own
 * absolute URL, Stalwart 307, James 302. They are followed here by hand where the
 * platform allows (node: redirect 'manual' exposes Location), so the Authorization
 * header survives and a redirect to the server's internal host can be pointed back at the
 * origin the person connected to. In a browser, 'manual' yields an opaque response;
 * then the request is repeated with redirect 'follow'.
 */
import { HttpError, NotJmapError, ProtocolError, hostOf } from './errors.ts';
import { At, isObject, type Obj } from './guards.ts';
import { errorForStatus, exchange, type Exchange, type FetchLike } from './http.ts';
import { resolveUrl, rewriteToOrigin } from './urls.ts';
import { CAPABILITY, type CoreCapability, type Session } from './wire/session.ts';

export const WELL_KNOWN_PATH = '/.well-known/jmap';
const MAX_REDIRECTS = 5;

/** RFC 8620 §2 suggested minimums, used when a server leaves a limit out. */
export const DEFAULT_LIMITS: CoreCapability = {
  maxSizeUpload: 50_000_000,
  maxConcurrentUpload: 4,
  maxSizeRequest: 10_000_000,
  maxConcurrentRequests: 4,
  maxCallsInRequest: 16,
  maxObjectsInGet: 500,
  maxObjectsInSet: 500,
  collationAlgorithms: [],
};

export interface SessionFetchOptions {
  fetch: FetchLike;
  authorization: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Rewrite absolute URLs in the session (and redirects) to this origin. */
  rewriteOrigin?: string;
}

export interface FetchedSession {
  session: Session;
  /** The URL the session was finally read from (after redirects). */
  sessionUrl: string;
}

/** Candidate session URLs for what the person typed: a server URL or a session URL. */
export function discoveryCandidates(input: string): string[] {
  const u = new URL(input);
  const wellKnown = `${u.origin}${WELL_KNOWN_PATH}`;
  if (u.pathname === '/' || u.pathname === '') return [wellKnown];
  if (u.pathname.startsWith(WELL_KNOWN_PATH)) return [u.href];
  return [u.href, wellKnown];
}

/**
 * Finds and reads the session. Tries each candidate; a 401 stops at once (the password is
 * wrong, whichever URL is right), "not here" (404, not JSON, not a session) moves on.
 */
export async function discoverSession(input: string, opts: SessionFetchOptions): Promise<FetchedSession> {
  let candidates: string[];
  try {
    candidates = discoveryCandidates(input);
  } catch {
    throw new NotJmapError(input, `"${input}" is not a web address`);
  }
  let lastNotJmap: NotJmapError | undefined;
  for (const url of candidates) {
    try {
      return await fetchSession(url, opts);
    } catch (err) {
      if (err instanceof NotJmapError) {
        lastNotJmap = err;
        continue;
      }
      throw err;
    }
  }
  throw lastNotJmap ?? new NotJmapError(input, 'no session found');
}

/** Reads the session from one URL, following redirects. */
export async function fetchSession(url: string, opts: SessionFetchOptions): Promise<FetchedSession> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const ex = await get(current, opts, 'manual');
    if (ex.type === 'opaqueredirect' || ex.status === 0) {
      // Browser: Location is hidden; let fetch follow (it keeps auth on same-origin hops).
      const followed = await get(current, opts, 'follow');
      return readSession(followed, followed.url || current, opts);
    }
    if (ex.status >= 300 && ex.status < 400) {
      const location = ex.headers.get('location');
      if (!location) throw new NotJmapError(current, `HTTP ${ex.status} without a Location header`);
      let next = new URL(location, current).href;
      if (opts.rewriteOrigin) next = rewriteToOrigin(next, opts.rewriteOrigin);
      current = next;
      continue;
    }
    return readSession(ex, ex.url || current, opts);
  }
  throw new NotJmapError(url, `more than ${MAX_REDIRECTS} redirects`);
}

function get(url: string, opts: SessionFetchOptions, redirect: RequestRedirect): Promise<Exchange> {
  return exchange(opts.fetch, url, {
    headers: { Authorization: opts.authorization, Accept: 'application/json' },
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    redirect,
    read: 'text',
  });
}

function readSession(ex: Exchange, url: string, opts: SessionFetchOptions): FetchedSession {
  if (ex.status === 404 || ex.status === 405 || ex.status === 410) {
    throw new NotJmapError(url, `HTTP ${ex.status}`);
  }
  if (ex.status < 200 || ex.status >= 300) {
    const err = errorForStatus(ex, url, 'session');
    // Some non-JMAP servers answer 400 to anything unexpected.
    if (err instanceof HttpError && ex.status === 400) throw new NotJmapError(url, 'HTTP 400');
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(ex.text);
  } catch {
    throw new NotJmapError(url, `the answer is not JSON (${ex.headers.get('content-type') ?? 'no content type'})`);
  }
  const session = checkSession(raw, url);
  return { session: resolveSession(session, url, opts.rewriteOrigin), sessionUrl: url };
}

function limit(at: At, core: Obj, key: keyof CoreCapability): number {
  if (core[key] === undefined || core[key] === null) return DEFAULT_LIMITS[key] as number;
  const n = at.number(core, key, `capabilities.core.${key}`);
  // Stalwart and others use 0 or negative for "no limit" in a few places; treat as default.
  return n > 0 ? n : (DEFAULT_LIMITS[key] as number);
}

/**
 * Checks a session object (RFC 8620 §2). Something that is not a session at all (no
 * capabilities, no apiUrl) is NotJmapError; a session with a malformed field is ProtocolError.
 */
export function checkSession(raw: unknown, url: string): Session {
  if (!isObject(raw) || !isObject(raw.capabilities) || typeof raw.apiUrl !== 'string') {
    throw new NotJmapError(url, 'the answer is not a JMAP session object');
  }
  const at: At = new At('Session', url);
  const core = raw.capabilities[CAPABILITY.core];
  if (!isObject(core)) throw new NotJmapError(url, `the session lacks ${CAPABILITY.core}`);
  const checkedCore: CoreCapability = {
    maxSizeUpload: limit(at, core, 'maxSizeUpload'),
    maxConcurrentUpload: limit(at, core, 'maxConcurrentUpload'),
    maxSizeRequest: limit(at, core, 'maxSizeRequest'),
    maxConcurrentRequests: limit(at, core, 'maxConcurrentRequests'),
    maxCallsInRequest: limit(at, core, 'maxCallsInRequest'),
    maxObjectsInGet: limit(at, core, 'maxObjectsInGet'),
    maxObjectsInSet: limit(at, core, 'maxObjectsInSet'),
    collationAlgorithms: Array.isArray(core.collationAlgorithms) ? (core.collationAlgorithms as string[]) : [],
  };
  const accounts = at.object(raw.accounts, 'accounts');
  for (const [id, a] of Object.entries(accounts)) {
    const acc = at.object(a, `accounts.${id}`);
    if (typeof acc.name !== 'string') acc.name = id;
    if (typeof acc.isPersonal !== 'boolean') acc.isPersonal = true;
    if (typeof acc.isReadOnly !== 'boolean') acc.isReadOnly = false;
    acc.accountCapabilities = at.object(acc.accountCapabilities ?? {}, `accounts.${id}.accountCapabilities`);
  }
  const primary = at.object(raw.primaryAccounts ?? {}, 'primaryAccounts');
  for (const [cap, id] of Object.entries(primary)) {
    if (typeof id !== 'string') at.fail(`primaryAccounts.${cap}`, 'an account id', id);
  }
  const session = {
    ...raw,
    capabilities: { ...raw.capabilities, [CAPABILITY.core]: checkedCore },
    accounts,
    primaryAccounts: primary,
    username: at.optString(raw, 'username') ?? '',
    apiUrl: at.string(raw, 'apiUrl'),
    downloadUrl: at.string(raw, 'downloadUrl'),
    uploadUrl: at.string(raw, 'uploadUrl'),
    // A server without push may leave it out; events() then reports "no push".
    eventSourceUrl: at.optString(raw, 'eventSourceUrl') ?? '',
    state: at.string(raw, 'state'),
  };
  return session as Session;
}

/**
 * Resolves the session's URLs against the URL it was read from, and optionally points
 * absolute ones at the connected origin (servers behind a proxy name the wrong host).
 */
export function resolveSession(session: Session, sessionUrl: string, rewriteOrigin?: string): Session {
  const fix = (u: string): string => {
    if (!u) return u;
    const abs = resolveUrl(u, sessionUrl);
    return rewriteOrigin ? rewriteToOrigin(abs, rewriteOrigin) : abs;
  };
  const capabilities = { ...session.capabilities };
  const ws = capabilities[CAPABILITY.websocket];
  if (isObject(ws) && typeof ws.url === 'string') capabilities[CAPABILITY.websocket] = { ...ws, url: fix(ws.url) };
  return {
    ...session,
    capabilities,
    apiUrl: fix(session.apiUrl),
    downloadUrl: fix(session.downloadUrl),
    uploadUrl: fix(session.uploadUrl),
    eventSourceUrl: fix(session.eventSourceUrl),
  };
}

/** Reads a session for an already known session URL (refetch): a wrong answer is a ProtocolError. */
export async function refetchSession(sessionUrl: string, opts: SessionFetchOptions): Promise<FetchedSession> {
  try {
    return await fetchSession(sessionUrl, opts);
  } catch (err) {
    if (err instanceof NotJmapError) throw new ProtocolError(`the session at ${hostOf(sessionUrl)} is gone: ${err.detail}`, sessionUrl);
    throw err;
  }
}
