/**
 * What the Outbox list reads (one live query): the waiting items, the server's rows of the
 * messages they name (subjects, threads and what the server has, for coalescing) and the
 * folders as the person sees them (a folder made offline has its name too).
 */
import { readMailboxes } from '../../outbox/reads.ts';
import { outboxItems, type OutboxView } from '../../outbox/queueReads.ts';
import type { MailDb } from '../../store/index.ts';
import type { EmailFacts, FolderFacts } from './outboxLines.ts';

export interface OutboxRead {
  items: OutboxView[];
  emails: Map<string, EmailFacts>;
  folders: FolderFacts[];
}

export async function readOutbox(db: MailDb, accountId: string): Promise<OutboxRead> {
  const items = await outboxItems(db, accountId);
  const ids = new Set<string>();
  for (const { intent } of items) {
    if (intent.kind === 'keywords' || intent.kind === 'move' || intent.kind === 'destroy') intent.emailIds.forEach((id) => ids.add(id));
    if (intent.kind === 'restore') Object.keys(intent.emails).forEach((id) => ids.add(id));
  }
  const [rows, folders] = await Promise.all([
    ids.size ? db.emails.bulkGet([...ids].map((id) => [accountId, id] as [string, string])) : Promise.resolve([]),
    items.length ? readMailboxes(db, accountId) : Promise.resolve([]),
  ]);
  const emails = new Map<string, EmailFacts>();
  for (const e of rows)
    if (e) emails.set(e.id, { subject: e.subject, threadId: e.threadId, keywords: e.keywords, mailboxIds: e.mailboxIds });
  return { items, emails, folders: folders.map((f) => ({ id: f.id, name: f.name, role: f.role ?? null })) };
}
