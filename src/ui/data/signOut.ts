/** Signing out: stops sync and wipes this account's local data (no JMAP client needed). */
import { pendingCount } from '../../outbox/queueReads.ts';
import { forgetAccount } from '../../store/forget.ts';
import type { MailDb } from '../../store/index.ts';
import { stopMailSync } from '../bridge/mailSync.ts';
import { stopRefreshingInBackground } from '../bridge/periodicRefresh.ts';

/** How many queued actions signing out would throw away. */
export function unsentCount(db: MailDb, accountId: string): Promise<number> {
  return pendingCount(db, accountId);
}

export async function signOut(db: MailDb, accountId: string): Promise<void> {
  // The worker destroys the account's JMAP push subscription before it stops (src/sw).
  await stopMailSync(accountId).catch(() => undefined);
  await forgetAccount(db, accountId);
  // Nobody left to notify: the browser's push subscription goes too.
  if ((await db.accounts.count()) === 0) {
    const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
    await (await registration?.pushManager?.getSubscription().catch(() => null))?.unsubscribe().catch(() => false);
    await stopRefreshingInBackground();
  }
}
