/**
 * Exponential backoff with jitter, shared by the sync engine (push reconnects, polling
 * after failures) and the outbox flusher. Pure: pass `random` to make it deterministic.
 */
import { classify } from './classify.ts';

export interface BackoffOptions {
  /** Delay of the first retry. Default 1 s. */
  baseMs?: number;
  /** Upper bound. Default 5 min. */
  maxMs?: number;
  /** Fraction of the delay that is randomised (0 = none, 1 = "full jitter"). Default 0.5. */
  jitter?: number;
  random?: () => number;
}

/** The delay before retry number `attempt` (0 = first retry): base * 2^attempt, capped, jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 1000, maxMs = 300_000, jitter = 0.5, random = Math.random } = options;
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = exp * Math.min(1, Math.max(0, jitter));
  return Math.round(exp - spread + spread * random());
}

/**
 * How long to wait before retrying after `error`, or null when classify() says it is not a
 * retry. A server's Retry-After wins over the computed backoff (but is capped by maxMs).
 */
export function retryDelay(error: unknown, attempt: number, options: BackoffOptions = {}): number | null {
  const c = classify(error);
  if (c.action !== 'retry') return null;
  if (c.retryAfterMs !== undefined) return Math.min(c.retryAfterMs, options.maxMs ?? 300_000);
  return backoffDelay(attempt, options);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
