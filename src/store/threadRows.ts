/**
 * Computes a thread's ThreadInMailbox rows from its emails. Pure; the cache calls it in
 * the same transaction that writes the thread or its emails.
 */
import type { EmailRecord } from '../sync/cache.ts';
import type { ThreadInMailboxRow } from './rows.ts';

/** `emails` are the thread's emails present in the mirror, in any order. */
export function threadInMailboxRows(accountId: string, threadId: string, emails: readonly EmailRecord[]): ThreadInMailboxRow[] {
  const byMailbox = new Map<string, EmailRecord[]>();
  for (const email of emails) {
    for (const mailboxId of Object.keys(email.mailboxIds)) {
      let list = byMailbox.get(mailboxId);
      if (!list) byMailbox.set(mailboxId, (list = []));
      list.push(email);
    }
  }
  const rows: ThreadInMailboxRow[] = [];
  for (const [mailboxId, list] of byMailbox) {
    // Oldest first; equal times ordered by id so the result does not depend on input order.
    list.sort((a, b) => a.receivedMs - b.receivedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const newest = list[list.length - 1]!;
    rows.push({
      accountId,
      threadId,
      mailboxId,
      receivedMs: newest.receivedMs,
      emailId: newest.id,
      emailIds: list.map((e) => e.id),
    });
  }
  return rows;
}
