/**
 * The one Dexie database shared by the page and the service worker. Open it with
 * openMailDb(); the name is a parameter so tests (and several signed-in people on one
 * browser profile, later) get separate databases.
 */
import { Dexie, type Table } from 'dexie';
import type { BodyRecord, CachedQuery, EmailRecord, MailboxRecord, SyncProgress, SyncStatus, ThreadRecord } from '../sync/cache.ts';
import type {
  AccountRow,
  AccountTimedRow,
  BlobRow,
  CredentialRow,
  DraftRow,
  OutgoingBlobRow,
  OutboxRow,
  OverlayRow,
  SearchIndexRow,
  SettingRow,
  StateRow,
  ThreadInMailboxRow,
  UsageRow,
} from './rows.ts';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema.ts';
import type { SearchDocRow, SearchMetaRow } from './searchIndexer.ts';
import type { SearchTermRow } from './searchPostings.ts';

export const DEFAULT_DB_NAME = 'mail';

type Pair = [string, string];

export class MailDb extends Dexie {
  accounts!: Table<AccountRow, string>;
  mailboxes!: Table<MailboxRecord, Pair>;
  threads!: Table<ThreadRecord, Pair>;
  emails!: Table<EmailRecord, Pair>;
  threadInMailbox!: Table<ThreadInMailboxRow, [string, string, string]>;
  bodies!: Table<BodyRecord, Pair>;
  blobs!: Table<BlobRow, Pair>;
  queries!: Table<CachedQuery, Pair>;
  states!: Table<StateRow, Pair>;
  progress!: Table<SyncProgress, string>;
  syncStatus!: Table<SyncStatus, string>;
  usage!: Table<UsageRow, string>;
  outbox!: Table<OutboxRow, string>;
  overlays!: Table<OverlayRow, string>;
  credentials!: Table<CredentialRow, string>;
  notices!: Table<AccountTimedRow, string>;
  outgoingBlobs!: Table<OutgoingBlobRow, string>;
  drafts!: Table<DraftRow, string>;
  searchIndex!: Table<SearchIndexRow, string>;
  searchDocs!: Table<SearchDocRow, [string, number]>;
  searchTerms!: Table<SearchTermRow, [string, string, number]>;
  searchMeta!: Table<SearchMetaRow, string>;
  settings!: Table<SettingRow, string>;

  /** `versions` defaults to every version; tests pass a prefix to play an older app. */
  constructor(name = DEFAULT_DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

export function openMailDb(name = DEFAULT_DB_NAME): MailDb {
  return new MailDb(name);
}
