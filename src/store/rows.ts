/**
 * Row types of the tables the sync interface does not define. Mirror rows (emails,
 * threads, mailboxes, bodies, queries, progress, status) are the records of
 * src/sync/cache.ts, stored as they are.
 */
import type { DataType, EmailRecord } from '../sync/cache.ts';

/**
 * One row per (thread, mailbox) the thread has mail in: the message list of a mailbox is
 * a range scan of [accountId+mailboxId+receivedMs+threadId], newest first.
 *
 * Why a denormalized table rather than an index on emails: IndexedDB cannot combine a
 * multi-entry key (an email's several mailboxes) with a compound key, and a list of
 * threads needs one entry per thread, not per email. The rows are recomputed from the
 * thread's emails in the same transaction whenever the thread or any of its emails is
 * written, so they can never disagree with the mirror. Cost: about one extra row per
 * email (threads usually live in one or two mailboxes).
 */
export interface ThreadInMailboxRow extends Partial<ListFields> {
  accountId: string;
  threadId: string;
  mailboxId: string;
  /** The newest receivedAt among the thread's emails in this mailbox (ms). */
  receivedMs: number;
  /** That newest email: what a collapsed list shows for the thread. */
  emailId: string;
  /** The thread's emails in this mailbox, oldest first. */
  emailIds: string[];
}

/** A sender as the server sent it (the first `from` address of an email). */
export type Sender = NonNullable<EmailRecord['from']>[number];

/**
 * What a list line shows, copied from the thread's emails in this mailbox (schema 4), so
 * a page of the list is ONE indexed read, no email looked up. Raw as the server sent
 * it: cleaning for display (displayText, who) is the UI's. Rows written by an app older
 * than schema 4 (an old service worker beside a new page) lack them: `mailboxThreadPage`
 * fills those from the emails.
 */
export interface ListFields {
  /** The newest email's subject and preview. */
  subject: string | null;
  preview: string;
  /** Each email's first sender (null: none), oldest first, repeats left out. */
  senders: (Sender | null)[];
  /** The emails without $seen, and those with $flagged (overlays change single emails). */
  unreadIds: string[];
  flaggedIds: string[];
  /** Any of the emails has an attachment. */
  attachment: boolean;
}

/** A row of the list as reads return it: every field present. */
export type ListRow = ThreadInMailboxRow & ListFields;

export interface AccountRow {
  /** The JMAP accountId. */
  id: string;
  /** The session URL the account was found at. */
  sessionUrl: string;
  username: string;
  name: string;
  addedAt: number;
}

export interface StateRow {
  accountId: string;
  type: DataType;
  state: string;
  updatedAt: number;
}

/** An attachment or inline part's bytes, cached for offline use; evictable. */
export interface BlobRow {
  accountId: string;
  blobId: string;
  type: string;
  size: number;
  data: Blob | ArrayBuffer;
  storedAt: number;
}

/** Running byte totals of evictable data, maintained in the transactions that change it. */
export interface UsageRow {
  accountId: string;
  bodyBytes: number;
  blobBytes: number;
}

/**
 * Reserved for src/outbox, which defines the rest of these rows. Only the keys are fixed
 * here because an IndexedDB primary key cannot change in a later version.
 */
export interface OutboxRow {
  id: string;
  accountId: string;
  createdAt: number;
  [field: string]: unknown;
}

export interface OverlayRow {
  id: string;
  accountId: string;
  objectId: string;
  intentId: string;
  [field: string]: unknown;
}

/**
 * How to sign in to an account without a person present (the service worker syncs in the
 * background). Kept in this origin's IndexedDB like any webmail that works offline;
 * signing out deletes it with the rest of the account's data.
 */
export interface CredentialRow {
  accountId: string;
  /** Server URL or session URL the person gave (connect() accepts either). */
  url: string;
  auth: { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };
}

/** A free-form row keyed by `id` and grouped per account by creation time. */
export interface AccountTimedRow {
  id: string;
  accountId: string;
  createdAt: number;
  [field: string]: unknown;
}

export interface OutgoingBlobRow {
  id: string;
  intentId: string;
  /** The account whose message it belongs to (absent on rows written before schema 3). */
  accountId?: string;
  [field: string]: unknown;
}

export interface DraftRow {
  id: string;
  accountId: string;
  updatedAt: number;
  /** The server's copy of this draft: src/outbox writes it when a save lands. */
  serverId?: string;
  /** When the save that landed was queued: the row is unchanged since while updatedAt <= landedAt. */
  landedAt?: number;
  /** A copy of it was in the mirror once (src/ui LocalDrafts: gone since, and unchanged, it goes). */
  seenOnServer?: boolean;
  [field: string]: unknown;
}

export interface SearchIndexRow {
  accountId: string;
  [field: string]: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}
