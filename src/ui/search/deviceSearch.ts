/**
 * The page's side of the device search: asks the search worker (searchWorker.ts) to index
 * and to query. Where no worker can start (an old browser, a test without one), the same
 * store functions run on the page instead: slower to type against, never wrong.
 */
import { BucketCache, indexMirror, searchDevice, type DeviceSearchResult } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { trustedScriptUrl } from '../trustedTypes.ts';
import type { FromSearchWorker, ToSearchWorker } from './searchProtocol.ts';

let worker: Promise<Worker | null> | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve(r: DeviceSearchResult): void; reject(e: Error): void }>();
const listeners = new Set<(accountId: string) => void>();
let version = 0;

function startWorker(): Promise<Worker | null> {
  worker ??= (async () => {
    if (typeof Worker === 'undefined') return null;
    try {
      const { default: url } = await import('./searchWorker.ts?worker&url');
      const w = new Worker(trustedScriptUrl(new URL(url, location.href).pathname), { type: 'module', name: 'search' });
      w.onmessage = (event: MessageEvent<FromSearchWorker>) => {
        const m = event.data;
        if (m.kind === 'indexed') {
          version++;
          listeners.forEach((l) => l(m.accountId));
          return;
        }
        const asked = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.kind === 'result') asked?.resolve(m.result);
        else asked?.reject(new Error(m.message));
      };
      // A worker that cannot load (its file missing from an old cache): the page does it.
      w.onerror = () => {
        worker = Promise.resolve(null);
        for (const [, asked] of waiting) asked.reject(new Error('The search worker stopped'));
        waiting.clear();
      };
      return w;
    } catch {
      return null;
    }
  })();
  return worker;
}

const pageCache = new BucketCache();
const pageRuns = new Map<string, Promise<unknown>>();

/**
 * Brings the account's index level with the mirror, in the background. `mirrorSeen`: a
 * digest of the mirror's state (nothing is read when the index was made level with it).
 */
export function indexOnDevice(accountId: string, mirrorSeen: string): void {
  void startWorker().then((w) => {
    const dbName = mailDb().name;
    if (w) {
      w.postMessage({ kind: 'index', dbName, accountId, mirrorSeen } satisfies ToSearchWorker);
      return;
    }
    if (pageRuns.has(accountId)) return;
    const run = indexMirror(mailDb(), accountId, { mirrorSeen })
      .catch((e: unknown) => console.warn('The search index could not be updated', e))
      .finally(() => {
        pageRuns.delete(accountId);
        pageCache.invalidate();
        version++;
        listeners.forEach((l) => l(accountId));
      });
    pageRuns.set(accountId, run);
  });
}

async function searchOnPage(accountId: string, text: string, limit: number): Promise<DeviceSearchResult> {
  // Another tab may have written since: the page asks the disk (no worker tells it).
  await pageCache.keepUpWith(mailDb(), accountId);
  return searchDevice(mailDb(), accountId, text, { limit, cache: pageCache });
}

/** The account's messages holding every word of `text`, newest first. */
export async function searchOnDevice(accountId: string, text: string, limit = 2_000): Promise<DeviceSearchResult> {
  const w = await startWorker();
  if (!w) return searchOnPage(accountId, text, limit);
  const id = nextId++;
  return new Promise<DeviceSearchResult>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ kind: 'query', id, dbName: mailDb().name, accountId, text, limit } satisfies ToSearchWorker);
  }).catch(() => searchOnPage(accountId, text, limit));
}

/** Told whenever the index wrote something: results may have changed. */
export function subscribeIndexed(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Grows each time the index wrote something (for useSyncExternalStore). */
export const indexVersion = (): number => version;
