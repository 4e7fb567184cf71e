/**
 * The page asks for Periodic Background Sync only where the browser offers it and the
 * person's browser granted it (Chromium: an installed, used app), at most hourly, and
 * takes it back when nobody is signed in any more.
 */
import { expect, it } from 'vitest';
import { PERIODIC_REFRESH_TAG } from '../../host/periodicTag.ts';
import { REFRESH_EVERY_MS, keepRefreshingInBackground, stopRefreshingInBackground, type PeriodicPlatform } from './periodicRefresh.ts';

function platform(offered: boolean, permission: PermissionState | undefined) {
  const calls: string[] = [];
  const periodicSync = {
    register: async (tag: string, o: { minInterval: number }) => void calls.push(`register ${tag} ${o.minInterval}`),
    unregister: async (tag: string) => void calls.push(`unregister ${tag}`),
  };
  const p: PeriodicPlatform = {
    registration: async () => (offered ? { periodicSync } : {}) as never,
    permission: async () => permission,
  };
  return { p, calls };
}

it('registers hourly when offered and granted', async () => {
  const { p, calls } = platform(true, 'granted');
  expect(await keepRefreshingInBackground(p)).toBe('registered');
  expect(calls).toEqual([`register ${PERIODIC_REFRESH_TAG} ${REFRESH_EVERY_MS}`]);
  expect(REFRESH_EVERY_MS).toBe(3_600_000);
});

it('asks nothing where it is not offered or not granted', async () => {
  for (const [offered, permission, outcome] of [
    [false, 'granted', 'not offered'],
    [true, 'prompt', 'not granted'],
    [true, 'denied', 'not granted'],
    [true, undefined, 'not granted'],
  ] as const) {
    const { p, calls } = platform(offered, permission);
    expect(await keepRefreshingInBackground(p)).toBe(outcome);
    expect(calls).toEqual([]);
  }
});

it('takes the wakes back', async () => {
  const { p, calls } = platform(true, 'granted');
  await stopRefreshingInBackground(p);
  expect(calls).toEqual([`unregister ${PERIODIC_REFRESH_TAG}`]);
});
