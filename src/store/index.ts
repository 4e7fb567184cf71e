/** Public API of src/store (see CONTEXT.md). */
export { MailDb, openMailDb, DEFAULT_DB_NAME } from './db.ts';
export { DexieSyncCache } from './dexieCache.ts';
export { listRow } from './threadRows.ts';
export { SCHEMA_VERSIONS, LATEST_VERSION, type SchemaVersion } from './schema.ts';
export {
  mailboxThreadPage,
  emailsByIds,
  getThread,
  listMailboxes,
  getSyncStatus,
  getSyncProgress,
  newInMailbox,
  type ThreadPageCursor,
} from './reads.ts';
export { putBlob, getBlob, blobBytes, evictBlobs, listBlobs } from './blobs.ts';
export { forgetAccount, forgetMirror } from './forget.ts';
export { indexMirror, bodyText, type IndexRun, type SearchDocRow, type SearchMetaRow } from './searchIndexer.ts';
export { searchDevice, BucketCache, indexedWithoutText, type DeviceSearchResult } from './searchQuery.ts';
export { words as searchWordsOf } from './searchTokens.ts';
export { keepSignIn, UNCLAIMED } from './signIn.ts';
export { readSyncSettings, writeSyncSettings } from './syncSettings.ts';
export {
  readSetting,
  readSettings,
  writeSetting,
  THEME,
  DENSITY,
  SYNC,
  ATTACHMENTS,
  remoteImagesFrom,
  keptIdentities,
  keptContactCards,
  identitiesReadAt,
  signatureOf,
  sendingAddressOf,
  offlineLeftOut,
  uploadLimitOf,
  delayedSendLimitOf,
  idAlias,
  NOTIFICATIONS,
  PUSH_DEVICE_ID,
  webPushSubscription,
  notifiedUpTo,
  DEFAULT_SYNC_SETTINGS,
  DEFAULT_ATTACHMENT_SETTINGS,
  type Setting,
  type Theme,
  type SyncSettings,
  type AttachmentSettings,
  type KeptPushSubscription,
  type NotifiedMark,
} from './settings.ts';
export type {
  AccountRow,
  AccountTimedRow,
  BlobRow,
  CredentialRow,
  DraftRow,
  OutboxRow,
  OutgoingBlobRow,
  OverlayRow,
  SearchIndexRow,
  SettingRow,
  StateRow,
  ThreadInMailboxRow,
  ListRow,
  ListFields,
  Sender,
  UsageRow,
} from './rows.ts';
