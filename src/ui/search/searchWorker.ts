/**
 * The search worker: the device's full-text index is built and queried here, off the
 * page's main thread, over the same IndexedDB the page and the service worker use
 * (src/store searchIndexer.ts / searchQuery.ts). One run per account at a time, across
 * tabs too (a Web Lock): each tab's worker would otherwise number documents twice.
 */
/// <reference lib="webworker" />
import { BucketCache, indexMirror, openMailDb, searchDevice, type MailDb } from '../../store/index.ts';
import type { FromSearchWorker, ToSearchWorker } from './searchProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const dbs = new Map<string, MailDb>();
const cache = new BucketCache();
const running = new Set<string>();
const again = new Set<string>();

// Another tab's worker wrote chunks: what this one keeps of the index is out of date.
const written = typeof BroadcastChannel === 'function' ? new BroadcastChannel('search-index-written') : null;
if (written) written.onmessage = () => cache.invalidate();

const post = (message: FromSearchWorker) => scope.postMessage(message);
const dbNamed = (name: string) => dbs.get(name) ?? dbs.set(name, openMailDb(name)).get(name)!;

function withLock<T>(name: string, run: () => Promise<T>): Promise<T> {
  const locks = (navigator as { locks?: LockManager }).locks;
  return locks ? (locks.request(name, run) as Promise<T>) : run();
}

const latestSeen = new Map<string, string>();

async function index(dbName: string, accountId: string, mirrorSeen: string): Promise<void> {
  const key = `${dbName}\n${accountId}`;
  latestSeen.set(key, mirrorSeen);
  if (running.has(key)) {
    again.add(key);
    return;
  }
  running.add(key);
  const db = dbNamed(dbName);
  let docs = 0;
  try {
    do {
      again.delete(key);
      const started = Date.now();
      const run = await withLock(`search-index:${dbName}:${accountId}`, () =>
        indexMirror(db, accountId, {
          mirrorSeen: latestSeen.get(key),
          onFlush: (r) => {
            cache.invalidate();
            written?.postMessage(accountId);
            post({ kind: 'indexed', accountId, docs: r.docs, done: false });
          },
        }),
      );
      docs = run.docs;
      // A first sync changes the mirror many times a second, and each run reads all of
      // the account's keys: runs are spaced by twice the last one's time (at least a second).
      if (again.has(key)) await new Promise((r) => setTimeout(r, Math.max(1_000, 2 * (Date.now() - started))));
    } while (again.has(key));
  } catch (e) {
    // Signed out meanwhile, or the disk is full: the next change of the mirror tries again.
    console.warn('The search index could not be updated', e);
  } finally {
    running.delete(key);
    post({ kind: 'indexed', accountId, docs, done: true });
  }
}

scope.onmessage = (event: MessageEvent<ToSearchWorker>) => {
  const m = event.data;
  if (m.kind === 'index') void index(m.dbName, m.accountId, m.mirrorSeen);
  else
    void searchDevice(dbNamed(m.dbName), m.accountId, m.text, { limit: m.limit, cache }).then(
      (result) => post({ kind: 'result', id: m.id, result }),
      (e: unknown) => post({ kind: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) }),
    );
};
