import { useSyncExternalStore } from 'react';
import type { Workbox } from 'workbox-window';
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
 *
 * Called once the first screen is up (the shell idle after its first rows, or the sign-in
 * form), not before: workbox-window and the worker's update check are not on the start
 * path. Calling it again does nothing.
 */
let registered: Promise<Workbox | null> | null = null;
export function registerServiceWorker(): Promise<Workbox | null> {
  registered ??= register();
  return registered;
}

async function register(): Promise<Workbox | null> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(trustedScriptUrl('/sw.js'), { type: 'module' });
  wb.addEventListener('waiting', () => {
    current = {
      updateReady: true,
      apply: () => {
        wb.addEventListener('controlling', () => window.location.reload());
        // The running worker first lets go of its keep-alive waits, or the new one waits for them.
        navigator.serviceWorker.controller?.postMessage({ type: 'updating' });
        wb.messageSkipWaiting();
      },
    };
    for (const l of listeners) l();
  });
  await wb.register();
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
