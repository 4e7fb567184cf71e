/** Public API of src/jmap (see CONTEXT.md). */
export { connect, JmapClient, type ConnectOptions, type GetMethod } from './client.ts';
export { Batch, CallHandle, type BatchOptions, type CallArgs, type RefArgs } from './batch.ts';
export type { Auth } from './auth.ts';
export {
  JmapError,
  AuthError,
  NetworkError,
  TimeoutError,
  AbortedError,
  HttpError,
  NotJmapError,
  ProtocolError,
  RequestError,
  MethodError,
  SetItemError,
  UnsupportedError,
  TooLargeError,
  PushUnavailableError,
  isUnsupported,
  isPushUnavailable,
  describeSetError,
  type ErrorKind,
  type SetOperation,
} from './errors.ts';
export { setFailures } from './set-failures.ts';
export { classify, type Classification, type FailureAction } from './classify.ts';
export { retryPolicy, RetryPolicy, DEFAULT_RETRY, sleep, type RetryDecision, type RetrySettings, type RetryWork } from './retryPolicy.ts';
export { chunk, chunkSetArgs } from './split.ts';
export { expandTemplate } from './template.ts';
export { reachedThroughHere } from './urls.ts';
export type { EventsOptions } from './events.ts';
export type { DownloadOptions, UploadData } from './blobs.ts';
export type { FetchLike } from './http.ts';
export * from './methods/method-map.ts';
export type * from './methods/standard.ts';
export type * from './wire/core.ts';
export { REQUEST_ERROR_PREFIX } from './wire/core.ts';
export { CAPABILITY, delayedSendLimit } from './wire/session.ts';
export type * from './wire/session.ts';
export type * from './wire/mailbox.ts';
export type * from './wire/thread.ts';
export type * from './wire/email.ts';
export type * from './wire/submission.ts';
export type * from './wire/identity.ts';
export type * from './wire/contact.ts';
export type * from './wire/vacation.ts';
export type * from './wire/snippet.ts';
export type * from './wire/push.ts';
export type * from './wire/blob.ts';
