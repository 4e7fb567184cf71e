/**
 * One engine per account per origin, however many tabs and workers are open: whoever runs
 * it holds the Web Lock `mail-engine:<accountId>` for as long as it runs. A service worker
 * that is killed, or a tab that is closed, releases it without saying goodbye, which is
 * why a lock and not a flag in IndexedDB.
 */

export interface LockLike {
  /** Runs `body` while holding `name`; waits for it unless `signal` aborts first. */
  request<T>(name: string, options: { signal?: AbortSignal }, body: () => Promise<T>): Promise<T>;
}

/** The browser's Web Locks (pages and service workers in Chromium). */
export function webLocks(): LockLike | null {
  const locks = (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks;
  if (!locks) return null;
  return {
    request: <T>(name: string, options: { signal?: AbortSignal }, body: () => Promise<T>) =>
      locks.request(name, { mode: 'exclusive', signal: options.signal }, body) as Promise<T>,
  };
}

/** For node (tests) and browsers without Web Locks: exclusive within this realm only. */
export function inProcessLocks(): LockLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request(name, options, body) {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(() => {
        options.signal?.throwIfAborted();
        return body();
      });
      const tail = run.catch(() => undefined);
      tails.set(name, tail);
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name);
      });
      return run;
    },
  };
}

export function engineLockName(accountId: string): string {
  return `mail-engine:${accountId}`;
}
