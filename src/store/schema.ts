/**
 * The IndexedDB schema, one entry per version. RULE: versions are only ever ADDED, never
 * edited: an old service worker may open the database next to a new page (Dexie 4 opens
 * a database whose version is newer than it knows with the schema it finds), so every
 * table and index an older version declared must keep its meaning. To change something,
 * append a version that adds tables or indexes (and an upgrade function if rows need
 * new fields). SchemaOpensOlderData.test.ts proves older data opens under the newest one.
 *
 * Indexes are few on purpose: IndexedDB writes cost ~3-5k rows/s in a browser and every
 * index is another write per row. Emails, threads and mailboxes have no secondary index at
 * all (looked up by [accountId+id]); the message list pages the denormalized
 * `threadInMailbox` table instead (see ThreadInMailboxRow in rows.ts for why).
 */
import type { Transaction } from 'dexie';
import { fillListFields } from './upgrades.ts';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs: primary key first, then indexes. */
  stores: Record<string, string>;
  /** Fills new fields of rows an older version wrote (upgrades.ts), once, while upgrading. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      accounts: 'id',
      mailboxes: '[accountId+id]',
      threads: '[accountId+id]',
      emails: '[accountId+id]',
      // Primary key groups a thread's rows (rewritten together); the index pages a
      // mailbox newest-first, threadId breaking ties so keyset paging is exact.
      threadInMailbox: '[accountId+threadId+mailboxId], [accountId+mailboxId+receivedMs+threadId]',
      bodies: '[accountId+emailId], [accountId+receivedMs]',
      blobs: '[accountId+blobId], [accountId+storedAt]',
      queries: '[accountId+key]',
      states: '[accountId+type]',
      progress: 'accountId',
      syncStatus: 'accountId',
      usage: 'accountId',
      // Reserved for src/outbox: never evicted, never touched by sync.
      outbox: 'id, [accountId+createdAt]',
      overlays: 'id, [accountId+objectId], intentId',
    },
  },
  {
    // Version 2 adds what the page, the service worker and the outbox share beyond the
    // mirror. Only keys and indexes are fixed here; rows are defined by their owners.
    version: 2,
    stores: {
      // How the service worker signs in without a page (rows.ts CredentialRow).
      credentials: 'accountId',
      // What went wrong with a person's action, in words, until they dismiss it (src/outbox).
      notices: 'id, [accountId+createdAt]',
      // Bytes of attachments not yet uploaded/sent; never evicted (src/outbox).
      outgoingBlobs: 'id, intentId',
      // Drafts being written, saved every few seconds (src/ui compose, src/outbox sends them).
      drafts: 'id, [accountId+updatedAt]',
      // The offline search index, persisted as one serialized document per account (src/ui).
      searchIndex: 'accountId',
      // Per-device preferences (theme, images from senders, offline scope).
      settings: 'key',
    },
  },
  {
    // Version 3: unsent attachment bytes know their account, so signing one account out
    // deletes only its own (forgetAccount); rows from version 2 have none and are told
    // apart by the outbox items and drafts that name them.
    version: 3,
    stores: {
      outgoingBlobs: 'id, intentId, accountId',
    },
  },
  {
    // Version 4: threadInMailbox rows carry what a list line shows (rows.ts ListFields), so
    // a page of the list is one indexed read. No key or index changes; the upgrade fills
    // the rows of a mirror an older app wrote from its emails (no sync needed).
    version: 4,
    stores: {},
    upgrade: fillListFields,
  },
  {
    // Version 5: the search index as append-only rows (searchIndexer.ts) instead of one
    // serialized document per account: searchDocs numbers the indexed emails (and says
    // whether their body is in), searchTerms holds the postings, one row per bucket of
    // words per chunk written, searchMeta the counters. The old table stays (an older
    // worker may still open it) but its tens of megabytes are dropped.
    version: 5,
    stores: {
      searchDocs: '[accountId+n], [accountId+emailId+body]',
      searchTerms: '[accountId+bucket+chunk]',
      searchMeta: 'accountId',
    },
    upgrade: (tx) => tx.table('searchIndex').clear(),
  },
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
