import type { Mailbox } from '../wire.ts';
import type { Recorder } from './changes.ts';
import type { Db } from './db.ts';
import { emailIndex, newId } from './emails.ts';

export interface MailboxRow {
  id: string;
  name: string;
  parentId: string | null;
  role: string | null;
  sortOrder: number;
  isSubscribed: boolean;
}

export function listMailboxes(db: Db, accountId: string): MailboxRow[] {
  const rows = db
    .prepare('SELECT id, name, parentId, role, sortOrder, isSubscribed FROM mailboxes WHERE accountId = ?')
    .all(accountId) as (Omit<MailboxRow, 'isSubscribed'> & { isSubscribed: number })[];
  return rows.map((r) => ({ ...r, isSubscribed: r.isSubscribed === 1 }));
}

export function getMailbox(db: Db, accountId: string, id: string): MailboxRow | undefined {
  return listMailboxes(db, accountId).find((m) => m.id === id);
}

export function insertMailbox(db: Db, rec: Recorder, accountId: string, m: Omit<MailboxRow, 'id'> & { id?: string }): MailboxRow {
  const id = newId(db, 'F');
  db.prepare('INSERT INTO mailboxes (accountId, id, name, parentId, role, sortOrder, isSubscribed) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    accountId,
    id,
    m.name,
    m.parentId,
    m.role,
    m.sortOrder,
    m.isSubscribed ? 1 : 0,
  );
  rec.record('Mailbox', id, 'created');
  return { ...m, id };
}

export function updateMailbox(db: Db, rec: Recorder, accountId: string, m: MailboxRow): void {
  db.prepare('UPDATE mailboxes SET name = ?, parentId = ?, role = ?, sortOrder = ?, isSubscribed = ? WHERE accountId = ? AND id = ?').run(
    m.name,
    m.parentId,
    m.role,
    m.sortOrder,
    m.isSubscribed ? 1 : 0,
    accountId,
    m.id,
  );
  rec.record('Mailbox', m.id, 'updated');
}

export function deleteMailbox(db: Db, rec: Recorder, accountId: string, id: string): void {
  db.prepare('DELETE FROM mailboxes WHERE accountId = ? AND id = ?').run(accountId, id);
  rec.record('Mailbox', id, 'destroyed');
}

export interface MailboxCounts {
  totalEmails: number;
  unreadEmails: number;
  totalThreads: number;
  unreadThreads: number;
}

/**
 * RFC 8621 2: unreadEmails counts emails without $seen and without $draft; totalThreads
 * counts threads with an email here; unreadThreads counts threads with an unread email here.
 */
export function mailboxCounts(db: Db, accountId: string): Map<string, MailboxCounts> {
  const counts = new Map<string, MailboxCounts & { threads: Set<string>; unread: Set<string> }>();
  for (const e of emailIndex(db, accountId).values()) {
    const unread = !e.keywords.$seen && !e.keywords.$draft;
    for (const mb of Object.keys(e.mailboxIds)) {
      let c = counts.get(mb);
      if (!c) {
        c = { totalEmails: 0, unreadEmails: 0, totalThreads: 0, unreadThreads: 0, threads: new Set(), unread: new Set() };
        counts.set(mb, c);
      }
      c.totalEmails++;
      c.threads.add(e.threadId);
      if (unread) {
        c.unreadEmails++;
        c.unread.add(e.threadId);
      }
    }
  }
  const out = new Map<string, MailboxCounts>();
  for (const [id, c] of counts) {
    out.set(id, { totalEmails: c.totalEmails, unreadEmails: c.unreadEmails, totalThreads: c.threads.size, unreadThreads: c.unread.size });
  }
  return out;
}

export function toWire(m: MailboxRow, counts: MailboxCounts | undefined): Mailbox {
  const isInbox = m.role === 'inbox';
  return {
    id: m.id,
    name: m.name,
    parentId: m.parentId,
    role: m.role,
    sortOrder: m.sortOrder,
    totalEmails: counts?.totalEmails ?? 0,
    unreadEmails: counts?.unreadEmails ?? 0,
    totalThreads: counts?.totalThreads ?? 0,
    unreadThreads: counts?.unreadThreads ?? 0,
    myRights: {
      mayReadItems: true,
      mayAddItems: true,
      mayRemoveItems: true,
      maySetSeen: true,
      maySetKeywords: true,
      mayCreateChild: true,
      mayRename: !isInbox,
      mayDelete: !isInbox,
      maySubmit: true,
    },
    isSubscribed: m.isSubscribed,
  };
}

/** The mailboxes every new account starts with (as Cyrus' autocreate makes them). */
export const STANDARD_MAILBOXES: { name: string; role: string; sortOrder: number }[] = [
  { name: 'Inbox', role: 'inbox', sortOrder: 1 },
  { name: 'Drafts', role: 'drafts', sortOrder: 2 },
  { name: 'Sent', role: 'sent', sortOrder: 3 },
  { name: 'Archive', role: 'archive', sortOrder: 4 },
  { name: 'Junk', role: 'junk', sortOrder: 5 },
  { name: 'Trash', role: 'trash', sortOrder: 6 },
];

export function mailboxByRole(db: Db, accountId: string, role: string): MailboxRow | undefined {
  return listMailboxes(db, accountId).find((m) => m.role === role);
}
