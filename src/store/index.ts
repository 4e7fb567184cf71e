/** Public API of src/store (see CONTEXT.md). */
export { MailDb, openMailDb, DEFAULT_DB_NAME } from './db.ts';
export { DexieSyncCache } from './dexieCache.ts';
export { SCHEMA_VERSIONS, LATEST_VERSION, type SchemaVersion } from './schema.ts';
export { mailboxThreadPage, emailsByIds, getThread, listMailboxes, getCachedQuery, getSyncStatus, getSyncProgress, type ThreadPageCursor } from './reads.ts';
export { putBlob, getBlob, blobBytes, evictBlobs, listBlobs } from './blobs.ts';
export { forgetAccount, forgetMirror } from './forget.ts';
export { readSyncSettings, writeSyncSettings, DEFAULT_SYNC_SETTINGS, SYNC_SETTINGS_KEY, type SyncSettings } from './syncSettings.ts';
export type { AccountRow, AccountTimedRow, BlobRow, CredentialRow, DraftRow, OutboxRow, OutgoingBlobRow, OverlayRow, SearchIndexRow, SettingRow, StateRow, ThreadInMailboxRow, UsageRow } from './rows.ts';
