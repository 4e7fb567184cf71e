/// <reference lib="webworker" />
/**
 * Periodic Background Sync (Chromium, an installed app the browser chose to wake): with
 * no page open, every signed-in account gets one sync cycle (new mail shown as for a push)
 * and what waits in its outbox is sent. The browser decides how often (at least the
 * page's `minInterval`, more rarely for apps used less) and ends the event after a few
 * minutes, so each account's flush is bounded.
 */
import { PERIODIC_REFRESH_TAG, updateAppBadge, type EngineHost } from '../host/index.ts';
import { NOTIFICATIONS, readSetting } from '../store/index.ts';
import { refreshAccount, type PushDeps } from './push.ts';

export interface PeriodicDeps extends Omit<PushDeps, 'host'> {
  host: PushDeps['host'] & Pick<EngineHost, 'flushed'>;
}

/** How long one account's outbox may hold the event before the next account's turn. */
const FLUSH_WITHIN_MS = 30_000;

export async function onPeriodicSync(deps: PeriodicDeps, tag: string): Promise<void> {
  if (tag !== PERIODIC_REFRESH_TAG) return;
  const notify = await readSetting(deps.db, NOTIFICATIONS);
  for (const accountId of await deps.db.accounts.toCollection().primaryKeys()) {
    await refreshAccount(deps, accountId, notify);
    // Still waiting after that (offline, the server busy): the next wake, a page, or
    // Background Sync sends it; nothing is dropped.
    await deps.host.flushed(accountId, FLUSH_WITHIN_MS).catch(() => undefined);
  }
  await updateAppBadge(deps.db, deps.badge);
}
