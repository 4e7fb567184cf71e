/** Public API of src/host (see CONTEXT.md). */
export { EngineHost, type EngineHostOptions } from './engineHost.ts';
export { parsePageMessage, type PageMessage, type PageMessages, type HostReply } from './messages.ts';
export { webLocks, inProcessLocks, engineLockName, type LockLike } from './lock.ts';
export {
  ACCEPTED,
  isHostAsk,
  transferables,
  type BodyParts,
  type HostAnswer,
  type HostAsk,
  type HostError,
  type HostErrorKind,
  type HostRequestKind,
  type ReplyOf,
  type RequestOf,
  type SearchEmail,
} from './requests.ts';
export {
  PUSH_TYPES,
  ensurePushSubscription,
  answerVerification,
  destroyPushSubscription,
  keptPushAccounts,
  parsePush,
  type BrowserPushSubscription,
} from './webPush.ts';
export {
  newMailNotifications,
  markNotifiedOnce,
  notificationAction,
  updateAppBadge,
  inboxUnreadEmails,
  type MailNotification,
  type MailNotificationData,
  type MailAction,
} from './notifications.ts';
export { PERIODIC_REFRESH_TAG } from './periodicTag.ts';
