/**
 * What the UI reads from the mirror. Each function is a plain Dexie read, so it works
 * inside liveQuery() and re-runs when the service worker's engine commits a change.
 */
import type { EmailRecord, MailboxRecord, SyncProgress, SyncStatus, ThreadRecord } from '../sync/cache.ts';
import type { MailDb } from './db.ts';
import { MIN_KEY, accountRange, maxKey } from './keys.ts';
import type { ListRow, ThreadInMailboxRow } from './rows.ts';
import { completeRow, isComplete } from './threadRows.ts';

/** Where the previous page ended (its last row): the next page starts strictly after it. */
export interface ThreadPageCursor {
  receivedMs: number;
  threadId: string;
}

/**
 * A page of a mailbox's threads, newest first (keyset paging: stable while mail arrives,
 * unlike offset paging). Pass the last row of a page as `after` for the next one. One
 * indexed read: the rows carry what the list shows (ListFields). Rows written by an app
 * older than schema 4 lack those and are completed from their emails here.
 */
export async function mailboxThreadPage(
  db: MailDb,
  accountId: string,
  mailboxId: string,
  options: { limit?: number; after?: ThreadPageCursor } = {},
): Promise<ListRow[]> {
  const { limit = 50, after } = options;
  const lower = [accountId, mailboxId, MIN_KEY, MIN_KEY];
  const upper = after ? [accountId, mailboxId, after.receivedMs, after.threadId] : [accountId, mailboxId, maxKey(), maxKey()];
  const rows = await db.threadInMailbox
    .where('[accountId+mailboxId+receivedMs+threadId]')
    .between(lower, upper, true, !after)
    .reverse()
    .limit(limit)
    .toArray();
  return rows.every(isComplete) ? rows : completeRows(db, accountId, rows);
}

/**
 * A mailbox's threads with mail received after `afterMs`, newest first (at most `limit`):
 * what a push notifies. One indexed read from the newest end.
 */
export async function newInMailbox(db: MailDb, accountId: string, mailboxId: string, afterMs: number, limit = 50): Promise<ListRow[]> {
  const rows = await db.threadInMailbox
    .where('[accountId+mailboxId+receivedMs+threadId]')
    .between([accountId, mailboxId, afterMs, maxKey()], [accountId, mailboxId, maxKey(), maxKey()], false, true)
    .reverse()
    .limit(limit)
    .toArray();
  return rows.every(isComplete) ? rows : completeRows(db, accountId, rows);
}

/** Rows of an older app, given their list fields from their emails (not written back: reads stay reads). */
async function completeRows(db: MailDb, accountId: string, rows: ThreadInMailboxRow[]): Promise<ListRow[]> {
  const ids = rows.filter((r) => !isComplete(r)).flatMap((r) => r.emailIds);
  const found = await db.emails.bulkGet(ids.map((id) => [accountId, id] as [string, string]));
  const emails = new Map(found.filter((e): e is EmailRecord => !!e).map((e) => [e.id, e]));
  return rows.map((r) => (isComplete(r) ? r : completeRow(r, emails)));
}

export function emailsByIds(db: MailDb, accountId: string, ids: readonly string[]): Promise<(EmailRecord | undefined)[]> {
  return db.emails.bulkGet(ids.map((id) => [accountId, id] as [string, string]));
}

export function getThread(db: MailDb, accountId: string, threadId: string): Promise<ThreadRecord | undefined> {
  return db.threads.get([accountId, threadId]);
}

export function listMailboxes(db: MailDb, accountId: string): Promise<MailboxRecord[]> {
  const [lo, hi] = accountRange(accountId);
  return db.mailboxes.where(':id').between(lo, hi).toArray();
}

export function getSyncStatus(db: MailDb, accountId: string): Promise<SyncStatus | undefined> {
  return db.syncStatus.get(accountId);
}

export function getSyncProgress(db: MailDb, accountId: string): Promise<SyncProgress | undefined> {
  return db.progress.get(accountId);
}

/** How many messages of the account the mirror holds (a key count: no row is read). */
export function countEmails(db: MailDb, accountId: string): Promise<number> {
  const [lo, hi] = accountRange(accountId);
  return db.emails.where(':id').between(lo, hi).count();
}
