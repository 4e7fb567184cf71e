/**
 * The small cache interface the sync engine writes through (in the manner of jmap-mua's
 * Cache or Replicache's store): the engine computes WHAT changed from server responses,
 * the cache decides HOW to store it. src/store implements it with Dexie; the engine never
 * sees IndexedDB.
 *
 * Invariants every implementation keeps:
 * - `apply(patch)` is atomic: all of a patch or none of it is stored. The engine puts a
 *   type's new state in the same patch as the objects fetched with it, so a stored state
 *   never runs ahead of the stored data (a crash replays changes, it never skips them).
 * - Mailbox counts are stored as the server sent them; nothing here counts rows.
 * - Removing an email removes it from every cached query, deletes its body, and
 *   recomputes its thread's per-mailbox rows (see ThreadInMailbox in src/store).
 * - A body is stored only while its email is in the mirror: bodies in a patch for emails
 *   the mirror does not hold (destroyed meanwhile) are dropped.
 * - The outbox tables are never touched by anything the engine asks for.
 */
import type { Id } from '../jmap/wire/core.ts';
import type { EmailAddress, EmailBodyPart, EmailBodyValue, EmailFilter, EmailHeader, Keywords } from '../jmap/wire/email.ts';
import type { Mailbox } from '../jmap/wire/mailbox.ts';

/** The JMAP data types whose state the engine tracks per account. */
export type DataType = 'Mailbox' | 'Thread' | 'Email';
export const DATA_TYPES: readonly DataType[] = ['Mailbox', 'Thread', 'Email'];

/** A Mailbox as the server sent it, tagged with its account. */
export interface MailboxRecord extends Mailbox {
  accountId: Id;
}

/**
 * Email metadata: what a message list and a thread header need, nothing that is large.
 * `gen` is the metadata listing generation that last wrote the row (see SyncProgress):
 * a full resync deletes rows an earlier generation wrote and the new one did not see.
 */
export interface EmailRecord {
  accountId: Id;
  id: Id;
  blobId: Id | null;
  threadId: Id;
  mailboxIds: Record<Id, true>;
  keywords: Keywords;
  /** As the server sent it (UTC, RFC 3339). */
  receivedAt: string;
  /** The same instant in ms since the epoch, for sorting (server strings differ in precision). */
  receivedMs: number;
  sentAt: string | null;
  from: EmailAddress[] | null;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
  subject: string | null;
  preview: string;
  size: number;
  hasAttachment: boolean;
  messageId: string[] | null;
  gen: number;
}

/**
 * What can change about an email once it exists (RFC 8621 §4.1: every other property is
 * immutable), so an update never needs the rest of its metadata again.
 */
export interface EmailChange {
  id: Id;
  mailboxIds: Record<Id, true>;
  keywords: Keywords;
  gen: number;
}

export interface ThreadRecord {
  accountId: Id;
  id: Id;
  /** Oldest first, as the server sent them. */
  emailIds: Id[];
  gen: number;
}

/** A fetched message body: evictable, refetched on demand. */
export interface BodyRecord {
  accountId: Id;
  emailId: Id;
  receivedMs: number;
  textBody: EmailBodyPart[];
  htmlBody: EmailBodyPart[];
  attachments: EmailBodyPart[];
  bodyValues: Record<string, EmailBodyValue>;
  headers: EmailHeader[];
  replyTo: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  inReplyTo: string[] | null;
  references: string[] | null;
  /** Approximate bytes this row takes (its JSON length), counted against the budget. */
  bytes: number;
  fetchedAt: number;
}

/** What makes two Email queries the same query (RFC 8620 §5.5 + RFC 8621 §4.4.3). */
export interface QueryDefinition {
  filter: EmailFilter | null;
  sort: { property: string; isAscending?: boolean; keyword?: string; collation?: string }[];
  collapseThreads: boolean;
}

/**
 * A cached Email/query result: `ids` holds the results from position 0 up to
 * ids.length (a prefix: later pages are fetched on demand), valid at `queryState`.
 */
export interface CachedQuery {
  accountId: Id;
  /** queryKey(definition): stable across runs and contexts. */
  key: string;
  definition: QueryDefinition;
  ids: Id[];
  queryState: string;
  canCalculateChanges: boolean;
  total: number | null;
  updatedAt: number;
}

/** How the engine changes a cached query inside a patch. */
export type QueryUpdate =
  | {
      kind: 'replace';
      key: string;
      definition: QueryDefinition;
      ids: Id[];
      queryState: string;
      canCalculateChanges: boolean;
      total: number | null;
    }
  | {
      /** Email/queryChanges: the cache splices with applyQueryChanges (querySplice.ts). */
      kind: 'splice';
      key: string;
      removed: Id[];
      added: { id: Id; index: number }[];
      queryState: string;
      total: number | null;
    }
  | { kind: 'drop'; key: string };

/**
 * How far the first sync (or a full resync) got, written in the same transaction as the
 * chunk it describes, so a restart resumes exactly where the last commit left off.
 */
export interface SyncProgress {
  accountId: Id;
  /** Generation of the current (or last finished) metadata listing. */
  gen: number;
  listing: {
    state: 'pending' | 'running' | 'done';
    /** The last id written, newest first; the next page starts after it. */
    anchorId: Id | null;
    /** How many emails of the listing were written (also the fallback position). */
    position: number;
    /** The server's total when known. */
    total: number | null;
    startedAt: number;
    finishedAt: number | null;
  };
  bodies: {
    state: 'pending' | 'running' | 'done';
    /** Emails in the offline window with a stored body / all in the window (last pass). */
    done: number;
    total: number;
    /** Bytes of bodies stored when the last pass ended (the live figure: SyncCache.bodyBytes). */
    bytes: number;
    budgetBytes: number;
    finishedAt: number | null;
  };
  /** The attachment pass (attachments.ts); absent before its first pass (and in rows of older builds). */
  attachments?: {
    state: 'pending' | 'running' | 'done';
    /** Attachments of the offline choice on the device / all of them (last pass). */
    done: number;
    total: number;
    /** Bytes of the choice's attachments on the device. */
    bytes: number;
    finishedAt: number | null;
    /** The choice the last pass kept to: a change made while no engine ran is still seen as one. */
    choice?: string;
  };
  /** The last time storage ran short and what was removed to make room (told in words). */
  pressure?: { at: number; outside: number; attachments: number; bodies: number };
}

export type SyncStatusKind = 'idle' | 'syncing' | 'upToDate' | 'offline' | 'error' | 'signInNeeded';

/** What a person is shown about sync. `reason` is a sentence, never a code. */
export interface SyncStatus {
  accountId: Id;
  kind: SyncStatusKind;
  /** For offline / error / signInNeeded: what happened, in words. */
  reason: string | null;
  /** When this status was written (ms since epoch). */
  at: number;
  /** The last time the mirror was known to equal the server. */
  lastSyncedAt: number | null;
  /** When the engine will try again by itself, if it will. */
  retryAt: number | null;
}

/** One atomic write. Every part is optional; lists may be empty. */
export interface CachePatch {
  mailboxes?: { put?: MailboxRecord[]; remove?: Id[]; replaceAll?: boolean };
  threads?: { put?: ThreadRecord[]; remove?: Id[] };
  /** `update` changes stored emails; one the mirror does not hold is skipped and reported. */
  emails?: { put?: EmailRecord[]; update?: EmailChange[]; remove?: Id[] };
  queries?: QueryUpdate[];
  bodies?: { put?: BodyRecord[]; remove?: Id[] };
  /** A state per type; null deletes it (forces a refetch of that type). */
  states?: Partial<Record<DataType, string | null>>;
  progress?: SyncProgress;
}

export interface ApplyResult {
  /** Ids of `emails.update` entries the mirror did not hold (nothing was written for them). */
  missingEmails: Id[];
}

export interface EmailInWindow {
  id: Id;
  receivedMs: number;
  hasBody: boolean;
  /** The server said the email has attachments (EmailRecord.hasAttachment). */
  hasAttachment: boolean;
}

/** The attachment parts of an email's stored body (BodyRecord.attachments). */
export interface EmailAttachments {
  emailId: Id;
  receivedMs: number;
  parts: EmailBodyPart[];
}

/** Attachment bytes to keep offline (the table the page's opened attachments go to as well). */
export interface BlobPut {
  blobId: Id;
  type: string;
  size: number;
  data: ArrayBuffer;
}

export interface SyncCache {
  getStates(accountId: Id): Promise<Partial<Record<DataType, string>>>;
  getQueries(accountId: Id): Promise<CachedQuery[]>;
  getProgress(accountId: Id): Promise<SyncProgress | undefined>;
  getMailboxes(accountId: Id): Promise<MailboxRecord[]>;
  /** Applies everything in one transaction (see the invariants above). */
  apply(accountId: Id, patch: CachePatch): Promise<ApplyResult>;
  /**
   * Ends a full metadata listing: deletes the emails and threads whose `gen` is below
   * `gen` (they were not seen by the listing), with everything that hangs off them.
   */
  sweep(accountId: Id, gen: number): Promise<{ emails: number; threads: number }>;
  /** Emails of these mailboxes received at or after sinceMs, newest first. */
  emailsInWindow(accountId: Id, mailboxIds: Id[], sinceMs: number): Promise<EmailInWindow[]>;
  /** Bytes of bodies stored for the account (kept as a running total by the cache). */
  bodyBytes(accountId: Id): Promise<number>;
  /** Deletes the oldest bodies until at most `budgetBytes` remain; returns bytes left. */
  evictBodies(accountId: Id, budgetBytes: number): Promise<number>;
  /** The attachment parts of these emails' stored bodies (emails without a stored body are left out). */
  attachmentsOf(accountId: Id, emailIds: Id[]): Promise<EmailAttachments[]>;
  /** The blob ids of the attachment bytes kept for the account, oldest stored first. */
  blobIds(accountId: Id): Promise<Id[]>;
  /** Keeps attachment bytes (counted in the running blob total). */
  putBlob(accountId: Id, blob: BlobPut): Promise<void>;
  /** Deletes these attachment bytes; returns the bytes freed. */
  removeBlobs(accountId: Id, blobIds: Id[]): Promise<number>;
  /** Bytes of attachments kept for the account (a running total). */
  blobBytes(accountId: Id): Promise<number>;
  /** Deletes the attachments stored longest ago until at most `budgetBytes` remain; returns bytes left. */
  evictBlobs(accountId: Id, budgetBytes: number): Promise<number>;
  setStatus(status: SyncStatus): Promise<void>;
  getStatus(accountId: Id): Promise<SyncStatus | undefined>;
}
