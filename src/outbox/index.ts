/** Public API of src/outbox (see CONTEXT.md). */
export type {
  Intent,
  IntentKind,
  DraftContent,
  DraftAttachment,
  Address,
  OutboxItem,
  ItemState,
  OverlayRow,
  EmailOverlay,
  MailboxOverlay,
  Notice,
  EmailPatch,
  MailboxPatch,
  IdentityPatch,
  VacationPatch,
  EmailBefore,
} from './intents.ts';
export { undoIntent, enqueueUndoable, type UndoHandle, type UndoOutcome } from './undo.ts';
export { enqueue, undoSend, retryItem, discardItem, DEFAULT_HOLD_MS } from './enqueue.ts';
export { putOutgoingBlob } from './send.ts';
export { scheduledMail, type ScheduledMail } from './scheduled.ts';
export { serverIdOf } from './idAliases.ts';
export { readEmails, readMailboxes, readThreadPage } from './reads.ts';
export {
  outboxItems,
  pendingCount,
  listNotices,
  dismissNotice,
  describeIntent,
  readPendingSettings,
  type OutboxView,
  type PendingSettings,
} from './queueReads.ts';
export { readUploads, type UploadStatus } from './uploads.ts';
export { createFlusher, type Flusher, type FlusherOptions } from './flusher.ts';
export { waitForSignIn } from './outcomes.ts';
export { accountItems } from './tables.ts';
export { mergeEmail, mergeMailboxes } from './merge.ts';
export { planEmailSet } from './plan.ts';
export type { FlushLock } from './lock.ts';
