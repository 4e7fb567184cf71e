/**
 * Speaking the service worker's message protocol (src/host/messages.ts) from a test page,
 * and signing an account in the way the app's sign-in does (accounts + credentials rows),
 * so a test can prove what the worker does without going through the UI.
 */
import type { Page } from 'playwright-core';
import { waitFor } from '../wait.ts';
import { idbAll, idbPut } from './idb.ts';

export interface HostReply {
  accountId: string;
  running: boolean;
  reason: string | null;
  starts: number;
}

/** Posts a message to the active worker and waits for its reply on a MessageChannel. */
export function tellWorker(page: Page, message: Record<string, unknown>): Promise<HostReply> {
  return page.evaluate(async (m) => {
    const registration = await navigator.serviceWorker.ready;
    return new Promise<HostReply>((resolve, reject) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => reject(new Error('the worker did not answer')), 10_000);
      channel.port1.onmessage = (e) => (clearTimeout(timer), resolve(e.data as HostReply));
      registration.active!.postMessage(m, [channel.port2]);
    });
  }, message);
}

export interface SyncStatusRow {
  accountId: string;
  kind: string;
  reason: string | null;
}

export async function syncStatus(page: Page, accountId: string): Promise<SyncStatusRow | undefined> {
  return (await idbAll<SyncStatusRow>(page, 'syncStatus')).find((s) => s.accountId === accountId);
}

export async function mirroredSubjects(page: Page): Promise<string[]> {
  return (await idbAll<{ subject?: string }>(page, 'emails')).map((e) => e.subject ?? '');
}

/**
 * Opens the app, waits for its worker, lets the worker create the database (a heartbeat
 * for an account the device does not know: the worker opens the database, finds no
 * sign-in and no account, and stops without a word), stores the account (the worker now
 * asks for a sign-in, in words), then the sign-in.
 */
export async function signInThroughWorker(
  page: Page,
  p: { origin: string; accountId: string; username: string; password: string; pollIntervalMs?: number },
): Promise<void> {
  await page.goto(p.origin + '/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
  await tellWorker(page, { type: 'heartbeat', accountId: p.accountId, visible: true });
  // Never opened from here before the worker made it: opening a missing database would
  // create an empty one the worker's schema then has to upgrade.
  await waitFor('the worker to create the database', () =>
    page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'mail' && (d.version ?? 0) > 0)),
  );
  if (p.pollIntervalMs) await idbPut(page, 'settings', { key: 'sync', value: { pollIntervalMs: p.pollIntervalMs, offlineWindowDays: 30 } });
  await idbPut(page, 'accounts', {
    id: p.accountId,
    sessionUrl: p.origin + '/jmap',
    username: p.username,
    name: p.username,
    addedAt: Date.now(),
  });
  // A known account without its sign-in: the worker says so, in words.
  await tellWorker(page, { type: 'heartbeat', accountId: p.accountId, visible: true });
  await waitFor('a sign-in-needed status', async () => (await syncStatus(page, p.accountId))?.kind === 'signInNeeded');
  await idbPut(page, 'credentials', {
    accountId: p.accountId,
    url: p.origin,
    auth: { kind: 'basic', username: p.username, password: p.password },
  });
}
