import { readThreadPage } from '../../outbox/reads.ts';
import { mailDb } from '../data/db.ts';

/** Every conversation in a folder as the person sees it (Empty Trash): how many, and their emails there. */
export async function emailIdsIn(accountId: string, mailboxId: string): Promise<{ threads: number; emailIds: string[] }> {
  const db = mailDb();
  const emailIds: string[] = [];
  let threads = 0;
  let after: { receivedMs: number; threadId: string } | undefined;
  for (;;) {
    const page = await readThreadPage(db, accountId, mailboxId, { limit: 500, after });
    threads += page.length;
    for (const row of page) emailIds.push(...row.emailIds);
    const last = page[page.length - 1];
    if (!last || page.length < 500) return { threads, emailIds };
    after = { receivedMs: last.receivedMs, threadId: last.threadId };
  }
}
