import type { EmailRecord } from '../../sync/index.ts';
import { who } from './format.ts';

/** One line of the message list: a conversation as it stands in this folder. */
export interface ThreadLine {
  threadId: string;
  /** The newest email in this folder: what opening the line starts from. */
  emailId: string;
  emailIds: string[];
  receivedMs: number;
  senders: string;
  subject: string;
  preview: string;
  count: number;
  unread: boolean;
  flagged: boolean;
  attachment: boolean;
}

export function toLine(row: { threadId: string; emailId: string; emailIds: string[]; receivedMs: number }, emails: Map<string, EmailRecord>): ThreadLine | null {
  const list = row.emailIds.map((id) => emails.get(id)).filter((e): e is EmailRecord => !!e);
  const newest = emails.get(row.emailId) ?? list[list.length - 1];
  if (!newest) return null;
  const names = [...new Set(list.map((e) => who(e.from)))];
  return {
    threadId: row.threadId,
    emailId: newest.id,
    emailIds: list.map((e) => e.id),
    receivedMs: row.receivedMs,
    senders: names.length > 3 ? `${names.slice(0, 2).join(', ')} … ${names[names.length - 1]}` : names.join(', '),
    subject: newest.subject?.trim() || '(no subject)',
    preview: newest.preview,
    count: list.length,
    unread: list.some((e) => !e.keywords.$seen),
    flagged: list.some((e) => e.keywords.$flagged),
    attachment: list.some((e) => e.hasAttachment),
  };
}
