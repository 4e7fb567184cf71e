/**
 * What a click does: write an intent (shown at once through the overlay) and wake the
 * flusher. Nothing here waits for the network.
 */
import { enqueue } from '../../outbox/enqueue.ts';
import type { IdentityPatch, Intent, VacationPatch } from '../../outbox/index.ts';
import { enqueueUndoable, undoIntent, type UndoHandle } from '../../outbox/undo.ts';
import { wakeOutbox } from '../bridge/mailSync.ts';
import { mailDb } from './db.ts';

async function act(accountId: string, intent: Intent): Promise<void> {
  await enqueue(mailDb(), accountId, intent);
  wakeOutbox(accountId, mailDb());
}

export function setKeyword(accountId: string, emailIds: string[], keyword: string, on: boolean): Promise<void> {
  return act(accountId, { kind: 'keywords', emailIds, ...(on ? { add: [keyword] } : { remove: [keyword] }) });
}

/** A mail action (keywords, move) that can be undone: what undoes it (src/outbox undo.ts). */
export async function actUndoable(accountId: string, intent: Intent): Promise<UndoHandle> {
  const handle = await enqueueUndoable(mailDb(), accountId, intent);
  wakeOutbox(accountId);
  return handle;
}

/** Undoes an action: dropped if the server has not got it yet, else its inverse is queued. */
export async function undoAction(handle: UndoHandle): Promise<void> {
  await undoIntent(mailDb(), handle);
  wakeOutbox(handle.accountId);
}

/** Deleted for good: no undo (the server destroys them). */
export function destroyEmails(accountId: string, emailIds: string[]): Promise<void> {
  return act(accountId, { kind: 'destroy', emailIds });
}

export function createMailbox(accountId: string, name: string, parentId: string | null): Promise<void> {
  return act(accountId, { kind: 'mailboxCreate', localId: `local-${crypto.randomUUID()}`, name, parentId });
}

export function renameMailbox(accountId: string, mailboxId: string, name: string): Promise<void> {
  return act(accountId, { kind: 'mailboxUpdate', mailboxId, name });
}

export function deleteMailbox(accountId: string, mailboxId: string): Promise<void> {
  return act(accountId, { kind: 'mailboxDestroy', mailboxId });
}

export function moveMailbox(accountId: string, mailboxId: string, parentId: string | null): Promise<void> {
  return act(accountId, { kind: 'mailboxUpdate', mailboxId, parentId });
}

/** Settings: the values show at once (and after a reload); the server gets them when it can be reached. */
export function changeIdentity(accountId: string, identityId: string, patch: IdentityPatch): Promise<void> {
  return act(accountId, { kind: 'identityUpdate', identityId, patch });
}

export function changeVacation(accountId: string, patch: VacationPatch): Promise<void> {
  return act(accountId, { kind: 'vacationUpdate', patch });
}
