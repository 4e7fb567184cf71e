import { useSyncExternalStore } from 'react';
import { Workbox } from 'workbox-window';
import { trustedScriptUrl } from '../trustedTypes.ts';

export interface UpdateState {
  /** A new version is installed and waiting; apply() switches to it and reloads. */
  updateReady: boolean;
  apply(): void;
}

const idle: UpdateState = { updateReady: false, apply: () => {} };
let current = idle;
const listeners = new Set<() => void>();

/**
 * Registers the service worker (app-shell precache + the sync engine host). A new
 * version never takes over under a person's feet: it waits until they choose "update",
 * then the page reloads once the new worker controls it.
 */
export function registerServiceWorker(): Workbox | null {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const wb = new Workbox(trustedScriptUrl('/sw.js'), { type: 'module' });
  wb.addEventListener('waiting', () => {
    current = {
      updateReady: true,
      apply: () => {
        wb.addEventListener('controlling', () => window.location.reload());
        wb.messageSkipWaiting();
      },
    };
    for (const l of listeners) l();
  });
  void wb.register();
  return wb;
}

/** The "update ready" state for the UI's prompt. */
export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}
