/**
 * One HTTP exchange with the JMAP server: fetch + reading the whole body under one abort
 * scope, so a timeout also covers a body that stalls, and a connection cut mid-body is a
 * NetworkError rather than a half-read answer. Also turns non-2xx answers into errors.
 */
import { AbortedError, AuthError, HttpError, JmapError, NetworkError, RequestError, TimeoutError, hostOf } from './errors.ts';
import { isObject } from './guards.ts';
import { REQUEST_ERROR_PREFIX, type ProblemDetails } from './wire/core.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Which server resource was asked: decides what a 404 means. */
export type Endpoint = 'session' | 'api' | 'upload' | 'download' | 'events';

export interface ExchangeOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
  timeoutMs: number;
  redirect?: RequestRedirect;
  /** How to read a 2xx body; error bodies are always read as text. */
  read: 'text' | 'blob';
}

export interface Exchange {
  status: number;
  headers: Headers;
  /** The final URL after redirects fetch followed itself (may be "" from fakes). */
  url: string;
  type: ResponseType;
  text: string;
  blob?: Blob;
}

/**
 * Runs `fn(signal)` with a signal that fires on the caller's abort and on the timeout,
 * and translates whatever it throws into AbortedError / TimeoutError / NetworkError.
 */
export async function withDeadline<T>(
  url: string,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) throw new AbortedError(url, callerSignal.reason);
  callerSignal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new Error('timeout'));
        }, timeoutMs)
      : undefined;
  try {
    return await fn(controller.signal);
  } catch (err) {
    if (callerSignal?.aborted) throw new AbortedError(url, callerSignal.reason);
    if (timedOut) throw new TimeoutError(url, timeoutMs);
    if (err instanceof JmapError) throw err;
    throw new NetworkError(url, err);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onAbort);
  }
}

export async function exchange(fetchImpl: FetchLike, url: string, opts: ExchangeOptions): Promise<Exchange> {
  return withDeadline(url, opts.timeoutMs, opts.signal, async (signal) => {
    const response = await fetchImpl(url, {
      method: opts.method ?? 'GET',
      headers: opts.headers,
      body: opts.body,
      signal,
      redirect: opts.redirect ?? 'follow',
      cache: 'no-store',
    });
    const base = { status: response.status, headers: response.headers, url: response.url, type: response.type };
    try {
      if (response.ok && opts.read === 'blob') return { ...base, text: '', blob: await response.blob() };
      return { ...base, text: await response.text() };
    } catch (err) {
      if (signal.aborted) throw err;
      throw new NetworkError(url, err, `The connection to the mail server at ${hostOf(url)} was cut before the answer was complete`);
    }
  });
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A JMAP problem document (RFC 8620 §3.6.1), if the body is one. */
export function parseProblem(text: string): ProblemDetails | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body) && typeof body.type === 'string' && body.type.startsWith(REQUEST_ERROR_PREFIX)) {
      return body as ProblemDetails;
    }
  } catch {
    // Not JSON: an HTML error page or plain text.
  }
  return undefined;
}

/** The error for a non-2xx answer. */
export function errorForStatus(ex: Exchange, url: string, endpoint: Endpoint): JmapError {
  if (ex.status === 401) return new AuthError(401, url);
  const problem = parseProblem(ex.text);
  if (problem) return new RequestError(problem, ex.status);
  if (ex.status === 403) return new AuthError(403, url);
  return new HttpError(ex.status, url, parseRetryAfter(ex.headers.get('retry-after')), endpoint);
}
