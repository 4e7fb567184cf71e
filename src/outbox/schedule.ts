/**
 * When a pass runs: at once when woken (an intent was queued, the network came back, a
 * page asked), again right after if woken meanwhile, and at the earliest `notBefore` of
 * what still waits (undo window, backoff; never for items waiting for a new sign-in: the
 * first pass of a new flusher, made after a sign-in the server accepted, and an urgent
 * wake take those up). Each pass runs under the flush lock
 * `mail-outbox:<accountId>` (one flusher per account per origin); clearing accepted
 * overlays (a sync) runs after the lock is released.
 */
import { queued } from './enqueue.ts';
import type { FlusherOptions } from './flushOptions.ts';
import { UNTIL_SIGNED_IN } from './intents.ts';
import { defaultLock } from './lock.ts';
import { accountItems, items } from './tables.ts';

export interface Flusher {
  /** Flush now; `urgent` (the network is back, a page asked) also cuts every backoff short. */
  wake(urgent?: boolean): void;
  /** Resolves when no pass is running or scheduled before `notBefore` times. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function schedulePasses(
  options: FlusherOptions,
  run: { pass: (now: () => number) => Promise<void>; clear: () => Promise<void> },
): Flusher {
  const { db, accountId } = options;
  const now = options.now ?? Date.now;
  const lock = options.lock ?? defaultLock();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let clearing: Promise<void> | null = null;
  let first = true;
  const allItems = () => items(db).where('[accountId+createdAt]').between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER]);
  const clear = () => {
    clearing ??= run
      .clear()
      .catch(() => undefined)
      .finally(() => {
        clearing = null;
      });
    return clearing;
  };

  const schedule = async () => {
    if (stopped) return;
    const list = await accountItems(db, accountId);
    const waiting = list.filter((i) => i.state !== 'failed' && i.notBefore !== UNTIL_SIGNED_IN).map((i) => i.notBefore);
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length) timer = setTimeout(wake, Math.max(0, Math.min(...waiting) - now()) + 5);
  };

  const wake = (urgent = false) => {
    if (stopped) return;
    if (urgent) {
      void allItems()
        .modify((i) => {
          if (i.state === 'waiting' && (i.attempts > 0 || i.notBefore === UNTIL_SIGNED_IN)) i.notBefore = 0;
        })
        .then(() => wake());
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      if (first) {
        first = false;
        // Made with a client that just signed in: what waited for a sign-in goes now.
        await allItems()
          .modify((i) => {
            if (i.notBefore === UNTIL_SIGNED_IN) i.notBefore = 0;
          })
          .catch(() => undefined);
      }
      do {
        again = false;
        await lock.request(`mail-outbox:${accountId}`, () => run.pass(now)).catch(() => undefined);
      } while (again && !stopped);
      void clear();
      await schedule();
    })().finally(() => {
      running = null;
    });
  };

  const onQueued = () => wake(true);
  queued.addEventListener('queued', onQueued);
  wake();
  return {
    wake,
    async idle() {
      while (running || clearing) await (running ?? clearing);
    },
    async stop() {
      stopped = true;
      queued.removeEventListener('queued', onQueued);
      if (timer) clearTimeout(timer);
      while (running || clearing) await (running ?? clearing);
    },
  };
}
