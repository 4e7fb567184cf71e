import { useSyncExternalStore } from 'react';

function subscribe(change: () => void): () => void {
  window.addEventListener('online', change);
  window.addEventListener('offline', change);
  return () => {
    window.removeEventListener('online', change);
    window.removeEventListener('offline', change);
  };
}

/**
 * The browser's word on the network, updated by its `online`/`offline` events: the
 * status says "offline" the moment the network goes, not when a sync attempt next fails.
 */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}

/** When the network last came back (the `online` event), recorded before any hook hears it. */
let backOnlineAt: number | null = null;
if (typeof window !== 'undefined') window.addEventListener('online', () => (backOnlineAt = Date.now()));

/** When this page last saw the network come back, or null if it has not (see statusWords). */
export function useBackOnlineAt(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => backOnlineAt,
    () => null,
  );
}
