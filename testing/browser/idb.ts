/**
 * Reading and writing the app's IndexedDB from a test, with the raw IndexedDB API inside
 * the page (no app code): what the service worker wrote is what the test sees. Keys follow
 * src/store/schema.ts (compound keys are arrays).
 */
import type { Page } from 'playwright-core';

export const DB_NAME = 'mail';

export function idbPut(page: Page, store: string, value: unknown): Promise<void> {
  return page.evaluate(
    ({ db, store, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(value);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => (open.result.close(), reject(tx.error));
        };
      }),
    { db: DB_NAME, store, value },
  );
}

/** Every row of a store, or [] while the database or the store does not exist yet. */
export function idbAll<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    ({ db, store }) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => {
          const conn = open.result;
          if (!conn.objectStoreNames.contains(store)) {
            conn.close();
            resolve([]);
            return;
          }
          const req = conn.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => (conn.close(), resolve(req.result as T[]));
          req.onerror = () => (conn.close(), reject(req.error));
        };
      }).catch(() => [] as T[]),
    { db: DB_NAME, store },
  );
}
