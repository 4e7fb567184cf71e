/**
 * Undo of a mail action (keywords, move; spam and not-spam are moves). While the outbox
 * still holds the intent and no request carries it, it is dropped with its overlay: the
 * server never hears of it. Once it may be on the server (sent, in flight, its answer
 * lost), the inverse is queued: a `restore` intent putting back each email's mailboxes
 * and touched keywords as the person saw them at enqueue time (`OutboxItem.before`).
 */
import type { MailDb } from '../store/index.ts';
import { enqueue, enqueueItem } from './enqueue.ts';
import type { EmailBefore, Id, Intent } from './intents.ts';
import { items, overlays } from './tables.ts';

/** What the page keeps of an action to undo it after the outbox let go of it (accepted). */
export interface UndoHandle {
  accountId: string;
  intentId: string;
  before: Record<Id, EmailBefore>;
}

/** 'dropped': the server never gets it; 'inverse': a restore intent was queued. */
export type UndoOutcome = 'dropped' | 'inverse';

export async function undoIntent(db: MailDb, handle: UndoHandle): Promise<UndoOutcome> {
  const dropped = await db.transaction('rw', [db.outbox, db.overlays], async () => {
    const item = await items(db).get(handle.intentId);
    if (!item) return false;
    // In flight (emailPass holdInFlight), or sent with no answer: it may land.
    if (item.inFlight || item.uncertain || item.sentEmailState) return false;
    await items(db).delete(item.id);
    await overlays(db).where('intentId').equals(item.id).delete();
    return true;
  });
  if (dropped) return 'dropped';
  const item = await items(db).get(handle.intentId);
  const before = item?.before ?? handle.before;
  if (Object.keys(before).length) await enqueue(db, handle.accountId, { kind: 'restore', emails: before });
  return 'inverse';
}

/** Enqueues a keywords or move intent and returns what undoes it. */
export async function enqueueUndoable(db: MailDb, accountId: string, intent: Intent): Promise<UndoHandle> {
  const item = await enqueueItem(db, accountId, intent);
  return { accountId, intentId: item.id, before: item.before ?? {} };
}
