/**
 * The one retry policy: given a failure, the attempt number and the kind of work, what to
 * do next. The sync engine, the push reconnect, the outbox flusher, the host's sign-in loop
 * and the UI's own fetches all ask it; none keeps delays or rules of its own.
 *
 * classify() (classify.ts) says what kind of failure it is; this file adds when:
 * - retry: after `delayMs` (the server's Retry-After wins, capped at maxMs; else
 *   exponential backoff base * 2^attempt, capped, jittered).
 * - refetchSession / resync: do that first, then retry after `delayMs`.
 * - reauthenticate: the credentials were refused. No timer retries this, in any loop: the
 *   work waits until new credentials are stored or the person asks again.
 * - permanent: give up on this piece of work. Only one-shot work gives up (an outbox
 *   request, a UI fetch). A standing loop (sync cycles, signing in, the push stream)
 *   cannot give up keeping the mirror current: it checks again, slowly (the delay of two
 *   more failures), because such failures are often a passing proxy or server glitch.
 *   PushUnavailableError is the exception: the server has no push; poll instead.
 *
 * Defaults (DEFAULT_RETRY) are the same for every kind of work; tests pass their own
 * settings to a `new RetryPolicy(...)` given to the engine, scheduler, flusher or host.
 */
import { classify } from './classify.ts';
import { isPushUnavailable } from './errors.ts';

/** The work a failure interrupted. */
export type RetryWork = 'syncCycle' | 'pushReconnect' | 'outboxPass' | 'signIn' | 'uiFetch';

export interface RetrySettings {
  /** Delay of the first retry. */
  baseMs: number;
  /** Upper bound of any delay, Retry-After included. */
  maxMs: number;
  /** Fraction of the delay that is randomised (0 = none, 1 = "full jitter"). */
  jitter: number;
  random: () => number;
}

export const DEFAULT_RETRY: Readonly<RetrySettings> = Object.freeze({ baseMs: 1000, maxMs: 300_000, jitter: 0.5, random: Math.random });

export type RetryDecision =
  /** `serverSaid`: the delay is the server's Retry-After (capped). */
  | { action: 'retry'; delayMs: number; serverSaid: boolean }
  | { action: 'refetchSession'; delayMs: number }
  | { action: 'resync'; delayMs: number }
  | { action: 'reauthenticate' }
  | { action: 'permanent' };

/** Work that runs for as long as the account is signed in: it never gives up by itself. */
const STANDING = new Set<RetryWork>(['syncCycle', 'pushReconnect', 'signIn']);

/** How many attempts further a "permanent" failure of standing work waits (slower). */
const SLOW_STEPS = 2;

/** The delay before retry number `attempt` (0 = first retry): base * 2^attempt, capped, jittered. */
export function backoffDelay(attempt: number, settings: Partial<RetrySettings> = {}): number {
  const { baseMs, maxMs, jitter, random } = { ...DEFAULT_RETRY, ...settings };
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = exp * Math.min(1, Math.max(0, jitter));
  return Math.round(exp - spread + spread * random());
}

export class RetryPolicy {
  readonly settings: Readonly<RetrySettings>;

  constructor(settings: Partial<RetrySettings> = {}) {
    this.settings = { ...DEFAULT_RETRY, ...stripUndefined(settings) };
  }

  /** The plain backoff for `attempt` (e.g. a push stream that ended without an error). */
  backoff(attempt: number): number {
    return backoffDelay(attempt, this.settings);
  }

  /** What to do after `error` on failure number `attempt` (0 = the first) of `work`. */
  decide(error: unknown, attempt: number, work: RetryWork = 'syncCycle'): RetryDecision {
    const c = classify(error);
    switch (c.action) {
      case 'reauthenticate':
        return { action: 'reauthenticate' };
      case 'retry':
        if (c.retryAfterMs !== undefined)
          return { action: 'retry', delayMs: Math.min(Math.max(0, c.retryAfterMs), this.settings.maxMs), serverSaid: true };
        return { action: 'retry', delayMs: this.backoff(attempt), serverSaid: false };
      case 'refetchSession':
      case 'resync':
        return { action: c.action, delayMs: this.backoff(attempt) };
      case 'permanent':
        if (!STANDING.has(work) || isPushUnavailable(error)) return { action: 'permanent' };
        return { action: 'retry', delayMs: this.backoff(attempt + SLOW_STEPS), serverSaid: false };
    }
  }

  /** The delay before trying again, or null when nothing should retry on a timer. */
  delay(error: unknown, attempt: number, work: RetryWork = 'syncCycle'): number | null {
    const d = this.decide(error, attempt, work);
    return 'delayMs' in d ? d.delayMs : null;
  }
}

/** The policy every loop uses unless a test hands it another. */
export const retryPolicy = new RetryPolicy();

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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
