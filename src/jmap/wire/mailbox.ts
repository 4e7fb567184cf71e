/** RFC 8621 §2: Mailbox. */
import type { Comparator, Filter, Id } from './core.ts';

/** RFC 8621 §2 + IANA "JMAP Mailbox Roles". */
export type MailboxRole =
  'inbox' | 'drafts' | 'sent' | 'trash' | 'archive' | 'junk' | 'important' | 'all' | 'flagged' | 'subscribed' | (string & {});

export interface MailboxRights {
  mayReadItems: boolean;
  mayAddItems: boolean;
  mayRemoveItems: boolean;
  maySetSeen: boolean;
  maySetKeywords: boolean;
  mayCreateChild: boolean;
  mayRename: boolean;
  mayDelete: boolean;
  maySubmit: boolean;
}

export interface Mailbox {
  id: Id;
  name: string;
  parentId: Id | null;
  role: MailboxRole | null;
  sortOrder: number;
  totalEmails: number;
  unreadEmails: number;
  totalThreads: number;
  unreadThreads: number;
  myRights: MailboxRights;
  isSubscribed: boolean;
}

/** What a client may set on create (RFC 8621 §2.5); server-set properties are left out. */
export type MailboxCreate = Pick<Mailbox, 'name'> & Partial<Pick<Mailbox, 'parentId' | 'role' | 'sortOrder' | 'isSubscribed'>>;

/** RFC 8621 §2.3. */
export interface MailboxFilterCondition {
  parentId?: Id | null;
  name?: string;
  role?: MailboxRole | null;
  hasAnyRole?: boolean;
  isSubscribed?: boolean;
}
export type MailboxFilter = Filter<MailboxFilterCondition>;
export type MailboxComparator = Comparator<'sortOrder' | 'name'>;
