/**
 * Asks the browser to wake the service worker now and then with no page open (Periodic
 * Background Sync; the worker side is src/sw/periodic.ts). Chromium offers it only to an
 * installed app and grants it by its own measure of how much the app is used: where it
 * is not offered or not granted, nothing is asked (push and the open page's polling keep
 * mail current), and the reason is returned for the Settings words and tests.
 */
import { PERIODIC_REFRESH_TAG } from '../../host/periodicTag.ts';

/** At most this often; the browser may wake it more rarely. */
export const REFRESH_EVERY_MS = 60 * 60 * 1000;

interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
  unregister(tag: string): Promise<void>;
}

export interface PeriodicPlatform {
  registration(): Promise<(ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager }) | undefined>;
  permission(): Promise<PermissionState | undefined>;
}

const browser: PeriodicPlatform = {
  registration: async () => (await navigator.serviceWorker?.getRegistration().catch(() => undefined)) ?? undefined,
  permission: async () =>
    (await navigator.permissions?.query({ name: 'periodic-background-sync' as PermissionName }).catch(() => undefined))?.state,
};

export type RefreshOutcome = 'registered' | 'not offered' | 'not granted';

export async function keepRefreshingInBackground(platform: PeriodicPlatform = browser): Promise<RefreshOutcome> {
  const periodicSync = (await platform.registration())?.periodicSync;
  if (!periodicSync) return 'not offered';
  if ((await platform.permission()) !== 'granted') return 'not granted';
  await periodicSync.register(PERIODIC_REFRESH_TAG, { minInterval: REFRESH_EVERY_MS });
  return 'registered';
}

/** Nobody is signed in any more: no wakes. */
export async function stopRefreshingInBackground(platform: PeriodicPlatform = browser): Promise<void> {
  await (await platform.registration())?.periodicSync?.unregister(PERIODIC_REFRESH_TAG).catch(() => undefined);
}
