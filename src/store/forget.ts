/**
 * Forgetting an account's mirror (sign-out, or a mirror found inconsistent beyond repair).
 * The outbox and its overlays are left alone: what a person queued is src/outbox's to keep
 * or discard, never a side effect of dropping a cache.
 */
import type { MailDb } from './db.ts';
import { accountRange } from './keys.ts';

export async function forgetMirror(db: MailDb, accountId: string): Promise<void> {
  const [lo, hi] = accountRange(accountId);
  const keyed = [db.mailboxes, db.threads, db.emails, db.threadInMailbox, db.bodies, db.blobs, db.queries, db.states];
  await db.transaction('rw', [...keyed, db.progress, db.syncStatus, db.usage], async () => {
    for (const table of keyed) await table.where(':id').between(lo, hi).delete();
    await db.progress.delete(accountId);
    await db.syncStatus.delete(accountId);
    await db.usage.delete(accountId);
  });
}
