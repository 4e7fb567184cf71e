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

import { DEFAULT_DB_NAME } from './dbName.ts';

export { DEFAULT_DB_NAME };

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
    for (const v of declared(versions)) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

/**
 * The versions Dexie is told about: each version with an upgrade function, and the newest,
 * each carrying the store specs of the versions before it that have none. Dexie diffs the
 * schema it declares against the database it finds (any older version upgrades alike), so
 * only upgrade functions need their own version. Why: every `version().stores()` call
 * rebuilds every table's API, and the page builds this database before its first read —
 * five declarations cost ~16 ms in node, and more in a cold browser start.
 */
function declared(versions: readonly SchemaVersion[]): SchemaVersion[] {
  const out: SchemaVersion[] = [];
  let pending: Record<string, string> = {};
  versions.forEach((v, i) => {
    pending = { ...pending, ...v.stores };
    if (!v.upgrade && i < versions.length - 1) return;
    out.push({ ...v, stores: pending });
    pending = {};
  });
  return out;
}

export function openMailDb(name = DEFAULT_DB_NAME): MailDb {
  // Dexie turns its debug mode on (a console task for every request and promise hop) on
  // any page served from localhost or 127.0.0.1, where a self-hosted copy and the tests
  // run: the built app never wants that cost. (import.meta.env is absent under plain node.)
  if ((import.meta.env as ImportMetaEnv | undefined)?.PROD) Dexie.debug = false;
  return new MailDb(name);
}
