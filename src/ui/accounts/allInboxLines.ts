/**
 * All inboxes: the Inbox of every signed-in account in one list, newest first, each line
 * naming its account. Read from each account's mirror with its outbox overlays (an
 * archive not yet sent is already gone here too), up to `perAccount` lines each.
 */
import { readMailboxes, readThreadPage } from '../../outbox/reads.ts';
import type { AccountRow, MailDb } from '../../store/index.ts';
import { roleOf } from '../shell/offered.ts';
import { toLine, type ThreadLine } from '../threads/line.ts';

export interface AccountLine extends ThreadLine {
  accountId: string;
  accountName: string;
}

export async function allInboxLines(db: MailDb, accounts: readonly AccountRow[], perAccount = 100): Promise<AccountLine[]> {
  const each = await Promise.all(
    accounts.map(async (account) => {
      const inbox = roleOf(await readMailboxes(db, account.id), 'inbox');
      if (!inbox) return [];
      const rows = await readThreadPage(db, account.id, inbox, { limit: perAccount });
      return rows.map((r) => ({ ...toLine(r), accountId: account.id, accountName: account.name }));
    }),
  );
  return each.flat().sort((a, b) => b.receivedMs - a.receivedMs || a.threadId.localeCompare(b.threadId));
}
