/**
 * Computes a thread's ThreadInMailbox rows from its emails. Pure; the cache calls it in
 * the same transaction that writes the thread or its emails.
 */
import type { EmailRecord } from '../sync/cache.ts';
import type { ListRow, Sender, ThreadInMailboxRow } from './rows.ts';

const byTime = (a: EmailRecord, b: EmailRecord) => a.receivedMs - b.receivedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `emails` are the thread's emails present in the mirror, in any order. */
export function threadInMailboxRows(accountId: string, threadId: string, emails: readonly EmailRecord[]): ListRow[] {
  const byMailbox = new Map<string, EmailRecord[]>();
  for (const email of emails) {
    for (const mailboxId of Object.keys(email.mailboxIds)) {
      let list = byMailbox.get(mailboxId);
      if (!list) byMailbox.set(mailboxId, (list = []));
      list.push(email);
    }
  }
  const rows: ListRow[] = [];
  for (const [mailboxId, list] of byMailbox) rows.push(listRow(accountId, threadId, mailboxId, list)!);
  return rows;
}

/**
 * The list row of a thread in one mailbox from the emails it has there (any order; none:
 * undefined). Also used by src/outbox to redo a row with pending changes applied.
 */
export function listRow(accountId: string, threadId: string, mailboxId: string, emails: readonly EmailRecord[]): ListRow | undefined {
  // Oldest first; equal times ordered by id so the result does not depend on input order.
  const list = [...emails].sort(byTime);
  const newest = list[list.length - 1];
  if (!newest) return undefined;
  const senders: (Sender | null)[] = [];
  const seen = new Set<string>();
  for (const e of list) {
    const a = e.from?.[0] ?? null;
    const key = a ? JSON.stringify([a.name, a.email]) : '';
    if (seen.has(key)) continue;
    seen.add(key);
    senders.push(a ? { name: a.name, email: a.email } : null);
  }
  return {
    accountId,
    threadId,
    mailboxId,
    receivedMs: newest.receivedMs,
    emailId: newest.id,
    emailIds: list.map((e) => e.id),
    subject: newest.subject,
    preview: newest.preview,
    senders,
    unreadIds: list.filter((e) => !e.keywords.$seen).map((e) => e.id),
    flaggedIds: list.filter((e) => e.keywords.$flagged).map((e) => e.id),
    attachment: list.some((e) => e.hasAttachment),
  };
}

/**
 * A stored row with its list fields made from its emails (those of `emails` it lists),
 * its key fields kept as stored so keyset paging stays exact. For rows an app older than
 * schema 4 wrote.
 */
export function completeRow(row: ThreadInMailboxRow, emails: ReadonlyMap<string, EmailRecord>): ListRow {
  const list = row.emailIds.map((id) => emails.get(id)).filter((e): e is EmailRecord => !!e);
  const made = listRow(row.accountId, row.threadId, row.mailboxId, list);
  if (!made) return { ...row, subject: null, preview: '', senders: [], unreadIds: [], flaggedIds: [], attachment: false };
  const { subject, preview, senders, unreadIds, flaggedIds, attachment } = made;
  return { ...row, subject, preview, senders, unreadIds, flaggedIds, attachment };
}

/** The row has the list fields (written by schema 4 or later). */
export const isComplete = (row: ThreadInMailboxRow): row is ListRow => row.unreadIds !== undefined;
