/**
 * What kind of failure an error is. Loops do not read this themselves: the one retry
 * policy (retryPolicy.ts) turns it into what to do and when, for every caller (sync
 * engine, push reconnect, outbox flusher, host, UI):
 * - retry: transient; wait retryAfterMs if given, else back off, and try again.
 * - reauthenticate: the credentials were refused; ask the person.
 * - refetchSession: the session is stale (apiUrl moved, account or capability changed).
 * - resync: local state is out of date (stateMismatch, cannotCalculateChanges, ...):
 *   refresh from the server, then decide again.
 * - permanent: retrying the same thing will not help; tell the person.
 */
import {
  AbortedError,
  AuthError,
  HttpError,
  JmapError,
  MethodError,
  NetworkError,
  RequestError,
  SetItemError,
  TimeoutError,
} from './errors.ts';

export type FailureAction = 'retry' | 'reauthenticate' | 'refetchSession' | 'resync' | 'permanent';

export interface Classification {
  action: FailureAction;
  /** Only for retry: the server said how long to wait (Retry-After). */
  retryAfterMs?: number;
}

const RESYNC_METHOD_ERRORS = new Set(['stateMismatch', 'cannotCalculateChanges', 'tooManyChanges', 'anchorNotFound', 'serverPartialFail']);
const RETRY_METHOD_ERRORS = new Set(['serverFail', 'serverUnavailable']);
const RETRY_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);

export function classify(error: unknown): Classification {
  if (!(error instanceof JmapError)) return { action: 'permanent' };
  if (error instanceof AuthError) return { action: 'reauthenticate' };
  if (error instanceof NetworkError || error instanceof TimeoutError) return { action: 'retry' };
  if (error instanceof AbortedError) return { action: 'permanent' };
  if (error instanceof HttpError) {
    if (error.status === 404)
      return error.endpoint === 'api' || error.endpoint === 'upload' ? { action: 'refetchSession' } : { action: 'permanent' };
    if (RETRY_HTTP.has(error.status)) {
      return error.retryAfterMs !== undefined ? { action: 'retry', retryAfterMs: error.retryAfterMs } : { action: 'retry' };
    }
    return { action: 'permanent' };
  }
  if (error instanceof RequestError) {
    // A concurrency limit passes as soon as another request finishes.
    if (error.type === 'limit' && error.limit === 'maxConcurrentRequests') return { action: 'retry' };
    // We only send capabilities the session listed, so the session must be stale.
    if (error.type === 'unknownCapability') return { action: 'refetchSession' };
    return { action: 'permanent' };
  }
  if (error instanceof MethodError) {
    if (RESYNC_METHOD_ERRORS.has(error.type)) return { action: 'resync' };
    if (RETRY_METHOD_ERRORS.has(error.type)) return { action: 'retry' };
    if (error.type === 'accountNotFound') return { action: 'refetchSession' };
    return { action: 'permanent' };
  }
  if (error instanceof SetItemError) {
    if (error.type === 'rateLimit') return { action: 'retry' };
    return { action: 'permanent' };
  }
  // ProtocolError, NotJmapError, UnsupportedError, TooLargeError, PushUnavailableError.
  return { action: 'permanent' };
}
