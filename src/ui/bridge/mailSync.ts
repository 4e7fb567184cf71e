/**
 * The page's side of sync. The engine runs in the service worker (src/sw) for every tab;
 * a page only says it is there (a heartbeat every 20 s while visible, which also keeps the
 * worker alive; unanswered within 10 s, the status bar says so: workerHealth.ts) and asks
 * for a sync on focus, on `online` and when opened. Status is not
 * sent back: the engine writes it to IndexedDB, which every tab reads live.
 *
 * Where no service worker is active (first visit before it installs, dev server, some
 * private modes) the page runs the same engine itself (src/host) under the account's Web
 * Lock, and hands it over as soon as a worker is active.
 */
// Types only: the engine itself is loaded on demand (most pages never run it: the worker does).
import type { EngineHost, HostReply, PageMessage } from '../../host/index.ts';
import type { MailDb } from '../../store/index.ts';
import { pageHost } from './pageHost.ts';
import { workerAnswered } from './workerHealth.ts';

export const HEARTBEAT_MS = 20_000;
/** How long the worker has to answer a heartbeat, flush or sign-out before the page says it does not. */
const ANSWER_MS = 10_000;

type Target = { worker: ServiceWorker } | { page: EngineHost };

let target: Target | null = null;
/**
 * Accounts being signed out: this page no longer beats or asks a sync for them. Without
 * it, the focus that follows the sign-out confirm() asked the worker for a sync, which
 * restarted the engine between its stop and the wipe and filled the mirror again.
 */
const signingOut = new Set<string>();

function post(worker: ServiceWorker, message: PageMessage): void {
  try {
    worker.postMessage(message);
  } catch {
    workerAnswered(false);
  }
}

/** The active service worker, if there is one within `waitMs` (null otherwise). */
async function activeWorker(waitMs: number): Promise<ServiceWorker | null> {
  const sw = navigator.serviceWorker;
  if (!sw) return null;
  const registration = await sw.getRegistration();
  if (registration?.active) return registration.active;
  if (waitMs <= 0) return null;
  const ready = sw.ready.then((r) => r.active);
  // setTimeout takes an infinite delay as 0: waiting for ever has no timer at all (with
  // one, a first visit never handed its engine over to the worker once it was active).
  if (!Number.isFinite(waitMs)) return ready;
  return Promise.race([ready, new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]);
}

/**
 * Keeps the account syncing while this page is open. Returns a function that stops what
 * this page started (the worker's engine stops by itself once no page beats).
 */
export function startMailSync(db: MailDb, accountId: string): () => void {
  let stopped = false;
  signingOut.delete(accountId);
  // A mirror with an outbox in it should not be wiped when the browser needs room (or by
  // Safari after 7 days unused): ask once that this origin's storage be kept.
  void navigator.storage?.persist?.().catch(() => false);
  let timer: ReturnType<typeof setInterval> | null = null;

  const beat = () => {
    if (stopped || !target || signingOut.has(accountId)) return;
    const visible = document.visibilityState === 'visible';
    // Asked, not posted: a worker that does not answer within 10 s is said so in the status bar.
    if ('worker' in target) void ask(target.worker, { type: 'heartbeat', accountId, visible }).catch(() => undefined);
    else void target.page.heartbeat(accountId);
  };
  const syncNow = (reason: 'focus' | 'online' | 'open') => {
    if (stopped || !target || signingOut.has(accountId)) return;
    if ('worker' in target) post(target.worker, { type: 'syncNow', accountId, reason });
    else void (reason === 'online' ? target.page.networkBack(accountId) : target.page.syncNow(accountId));
  };
  const onVisibility = () => {
    if (document.visibilityState === 'visible') {
      beat();
      syncNow('focus');
    }
  };
  const onFocus = () => syncNow('focus');
  const onOnline = () => syncNow('online');

  const useWorker = async (worker: ServiceWorker) => {
    const previous = target;
    target = { worker };
    // Let go of the page's engine first, so the worker can take the account's lock.
    if (previous && 'page' in previous) await previous.page.stopAll();
    beat();
    syncNow('open');
  };

  void (async () => {
    const worker = await activeWorker(0);
    if (stopped) return;
    if (worker) await useWorker(worker);
    else {
      const host = await pageHost(db);
      if (stopped) return;
      target = { page: host };
      beat();
      // Hand over once a worker is active (first visit: it is installing right now).
      const later = await activeWorker(Number.POSITIVE_INFINITY);
      if (later && !stopped) await useWorker(later);
    }
  })();

  timer = setInterval(() => {
    if (document.visibilityState === 'visible') beat();
  }, HEARTBEAT_MS);
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('focus', onFocus);
  window.addEventListener('online', onOnline);

  return () => {
    stopped = true;
    if (timer) clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('focus', onFocus);
    window.removeEventListener('online', onOnline);
    const t = target;
    target = null;
    if (t && 'page' in t) void t.page.stopAll();
  };
}

/** A sync now, for a "check for mail" button. */
export function syncNow(accountId: string): void {
  if (!target || signingOut.has(accountId)) return;
  if ('worker' in target) post(target.worker, { type: 'syncNow', accountId, reason: 'person' });
  else void target.page.syncNow(accountId);
}

/** Stops the account's engine wherever it runs, before the page wipes the account's data. */
export async function stopMailSync(accountId: string): Promise<void> {
  signingOut.add(accountId);
  const t = target;
  if (!t) return;
  if ('page' in t) await t.page.signOut(accountId);
  else await ask(t.worker, { type: 'signOut', accountId });
}

/** A message the worker answers at once (not syncNow: it answers when the cycle ends). */
function ask(worker: ServiceWorker, message: PageMessage): Promise<HostReply> {
  return new Promise<HostReply>((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('The background worker did not answer')), ANSWER_MS);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data as HostReply);
    };
    worker.postMessage(message, [channel.port2]);
  }).then(
    (reply) => {
      workerAnswered(true);
      return reply;
    },
    (error: unknown) => {
      workerAnswered(false);
      throw error;
    },
  );
}

/**
 * After the page queued something in the outbox: the worker (or this page's host) flushes
 * now, and Background Sync (Chromium) retries when the network comes back even if every
 * tab is closed by then.
 */
export function wakeOutbox(accountId: string, db?: MailDb): void {
  // The app badge counts the person's own change at once (src/host/notifications.ts).
  if (db) void import('../../host/notifications.ts').then((m) => m.updateAppBadge(db)).catch(() => undefined);
  const t = target;
  if (t && 'worker' in t) void ask(t.worker, { type: 'flush', accountId }).catch(() => undefined);
  else if (t) t.page.flush(accountId);
  void navigator.serviceWorker?.ready
    .then((r) =>
      (r as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register(`outbox:${accountId}`),
    )
    .catch(() => undefined);
}
