/**
 * Upgrade functions of schema versions (schema.ts). Each runs once, inside the version
 * change transaction, on a database an older app wrote; nothing is fetched again.
 */
import type { Transaction } from 'dexie';
import type { EmailRecord } from '../sync/cache.ts';
import type { ThreadInMailboxRow } from './rows.ts';
import { completeRow, isComplete } from './threadRows.ts';

const PAGE = 2000;

/**
 * Schema 4: every threadInMailbox row gets its list fields (ListFields) from its emails,
 * a page of rows at a time (bounded memory on a 100k-conversation mirror).
 */
export async function fillListFields(tx: Transaction): Promise<void> {
  const rows = tx.table<ThreadInMailboxRow, [string, string, string]>('threadInMailbox');
  const emails = tx.table<EmailRecord, [string, string]>('emails');
  let after: [string, string, string] | undefined;
  for (;;) {
    const page = await (after ? rows.where(':id').above(after) : rows.toCollection()).limit(PAGE).toArray();
    const todo = page.filter((r) => !isComplete(r));
    if (todo.length) {
      const found = await emails.bulkGet(todo.flatMap((r) => r.emailIds.map((id) => [r.accountId, id] as [string, string])));
      const byKey = new Map(found.filter((e): e is EmailRecord => !!e).map((e) => [`${e.accountId}\u0000${e.id}`, e]));
      await rows.bulkPut(
        todo.map((r) => {
          const mine = new Map(
            r.emailIds.flatMap((id) => {
              const e = byKey.get(`${r.accountId}\u0000${id}`);
              return e ? [[id, e] as const] : [];
            }),
          );
          return completeRow(r, mine);
        }),
      );
    }
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = [last.accountId, last.threadId, last.mailboxId];
  }
}
