/** Public API of src/sync (see CONTEXT.md). */
export { SyncEngine, type EngineOptions, type EngineEvent, type CycleResult } from './engine.ts';
export { SyncScheduler, type SchedulerOptions, type SchedulerMode, type TriggerReason } from './scheduler.ts';
export { DEFAULT_SYNC_OPTIONS, DEFAULT_ATTACHMENT_CHOICE, type SyncOptions, type SyncClient, type OfflineScope } from './context.ts';
export { queryKey, mailboxThreadsQuery } from './queryKey.ts';
export { applyQueryChanges } from './querySplice.ts';
export { describeStatus, statusForError, isQuotaError } from './status.ts';
export type * from './cache.ts';
export { DATA_TYPES } from './cache.ts';
export { MAX_BODY_VALUE_BYTES } from './properties.ts';
