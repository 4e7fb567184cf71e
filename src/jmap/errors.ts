/**
 * Every failure this client reports is a JmapError subclass with a `kind` and a message a
 * person can read. `classify()` (classify.ts) turns any of them into the one failure policy.
 */
import type { MethodErrorType, ProblemDetails, SetError } from './wire/core.ts';

export type ErrorKind =
  | 'auth'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'http'
  | 'notJmap'
  | 'protocol'
  | 'request'
  | 'method'
  | 'setItem'
  | 'unsupported'
  | 'tooLarge'
  | 'pushUnavailable';

export abstract class JmapError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The host part of a URL for messages ("mail.example.com:8080"); the input if it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** HTTP 401 (and 403): the credentials were refused. */
export class AuthError extends JmapError {
  readonly kind = 'auth';
  constructor(
    readonly status: number,
    readonly url: string,
    message = status === 403
      ? `The mail server at ${hostOf(url)} refused access for this account (HTTP 403)`
      : 'Wrong username or password',
  ) {
    super(message);
  }
}

/**
 * Node's fetch (undici) says why in `cause.code`; browsers only say "Failed to fetch".
 * A server that accepted the connection and then closed it is reachable: say so, since
 * Cyrus 3.6 does exactly that on VacationResponse/get.
 */
function networkMessage(url: string, cause: unknown): string {
  const code = (cause as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return `The mail server at ${hostOf(url)} closed the connection without answering`;
  }
  return `Can't reach the mail server at ${hostOf(url)}`;
}

/** fetch threw, or the connection was cut before the whole answer arrived. */
export class NetworkError extends JmapError {
  readonly kind = 'network';
  constructor(
    readonly url: string,
    cause: unknown,
    message = networkMessage(url, cause),
  ) {
    super(message, { cause });
  }
}

/** This client's own time limit for one request ran out. */
export class TimeoutError extends JmapError {
  readonly kind = 'timeout';
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`The mail server at ${hostOf(url)} did not answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/** The caller's AbortSignal fired: nobody waits for this answer any more. */
export class AbortedError extends JmapError {
  readonly kind = 'aborted';
  constructor(
    readonly url: string,
    cause?: unknown,
  ) {
    super(`The request to ${hostOf(url)} was cancelled`, { cause });
  }
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** An HTTP status that is neither success nor a JMAP problem document (404, 413, 429, 5xx, ...). */
export class HttpError extends JmapError {
  readonly kind = 'http';
  constructor(
    readonly status: number,
    readonly url: string,
    /** From Retry-After (seconds or HTTP date), when the server sent one. */
    readonly retryAfterMs?: number,
    /** Which resource answered: a 404 from the API means "session moved", from a download "blob gone". */
    readonly endpoint: 'session' | 'api' | 'upload' | 'download' | 'events' = 'api',
  ) {
    super(httpMessage(status, url, retryAfterMs, endpoint));
  }
}

function httpMessage(status: number, url: string, retryAfterMs: number | undefined, endpoint: string): string {
  const retry = retryAfterMs !== undefined ? `; retrying in ${seconds(retryAfterMs)}` : '';
  if (status === 429) return `The mail server is busy (HTTP 429: too many requests)${retry}`;
  if (status >= 500) return `The mail server had a problem (HTTP ${status})${retry}`;
  if (status === 404 && endpoint === 'download') return 'The file is no longer on the mail server (HTTP 404)';
  if (status === 404) return `The mail server at ${hostOf(url)} has no JMAP service at this address (HTTP 404)`;
  if (status === 413) return 'The request was too large for the mail server (HTTP 413)';
  return `The mail server at ${hostOf(url)} refused the request (HTTP ${status})`;
}

/** Discovery found no JMAP session at the address the person gave. */
export class NotJmapError extends JmapError {
  readonly kind = 'notJmap';
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`The server at ${hostOf(url)} is not a JMAP server`);
  }
}

/** The server's answer did not have the shape JMAP requires. `detail` says what was wrong. */
export class ProtocolError extends JmapError {
  readonly kind = 'protocol';
  constructor(
    readonly detail: string,
    readonly url?: string,
  ) {
    super(`The mail server${url ? ` at ${hostOf(url)}` : ''} sent an answer this app cannot read: ${detail}`);
  }
}

/** RFC 8620 §3.6.1: a request-level problem (unknownCapability, notJSON, notRequest, limit). */
export class RequestError extends JmapError {
  readonly kind = 'request';
  /** The short type: "limit", "unknownCapability", ... (the URN without its prefix). */
  readonly type: string;
  /** For type "limit": the limit's name, e.g. "maxCallsInRequest". */
  readonly limit: string | undefined;
  constructor(
    readonly problem: ProblemDetails,
    readonly status: number,
  ) {
    const type = problem.type.replace(/^urn:ietf:params:jmap:error:/, '');
    const detail = problem.detail ?? problem.title;
    const base =
      type === 'limit'
        ? `The request went over the mail server's limit${problem.limit ? ` ${problem.limit}` : ''}`
        : type === 'unknownCapability'
          ? 'The mail server does not support a feature this request needs'
          : `The mail server rejected the request (${type})`;
    super(detail ? `${base}: ${detail}` : base);
    this.type = type;
    this.limit = typeof problem.limit === 'string' ? problem.limit : undefined;
  }
}

const METHOD_ERROR_TEXT: Record<MethodErrorType, string> = {
  serverUnavailable: 'The mail server is temporarily unavailable',
  serverFail: 'The mail server had an internal problem',
  serverPartialFail: 'Some changes were only partly applied on the mail server',
  unknownMethod: 'The mail server does not support this',
  invalidArguments: 'The mail server rejected the request as invalid',
  invalidResultReference: 'A part of the request depended on a step that failed',
  forbidden: 'You are not allowed to do this',
  accountNotFound: 'The mail account was not found on the server',
  accountNotSupportedByMethod: 'This mail account does not support this',
  accountReadOnly: 'This mail account is read-only',
  requestTooLarge: 'Too many items at once for the mail server',
  stateMismatch: 'The mailbox changed on the server in the meantime',
  cannotCalculateChanges: 'The mail server can no longer list what changed; a full refresh is needed',
  tooManyChanges: 'Too many changes to list one by one; a full refresh is needed',
  anchorNotFound: 'The message the list was positioned at is gone',
  unsupportedSort: 'The mail server cannot sort this way',
  unsupportedFilter: 'The mail server cannot search this way',
  fromAccountNotFound: 'The account to copy from was not found',
  fromAccountNotSupportedByMethod: 'The account to copy from does not support this',
};

/**
 * Non-standard error type names seen on real servers, mapped to the RFC name.
 * Cyrus 3.6 answers a broken back-reference with "resultReference".
 */
const METHOD_ERROR_ALIASES: Record<string, MethodErrorType> = { resultReference: 'invalidResultReference' };

/** RFC 8620 §3.6.2: one method call answered ["error", {type, ...}, callId]. */
export class MethodError extends JmapError {
  readonly kind = 'method';
  readonly description: string | undefined;
  /** The RFC type (aliases normalised); `details.type` keeps what the server sent. */
  readonly type: MethodErrorType | (string & {});
  constructor(
    serverType: MethodErrorType | (string & {}),
    readonly method: string,
    readonly callId: string,
    readonly details: Record<string, unknown> = {},
  ) {
    const type = METHOD_ERROR_ALIASES[serverType] ?? serverType;
    const description = typeof details.description === 'string' ? details.description : undefined;
    const text = (METHOD_ERROR_TEXT as Record<string, string | undefined>)[type] ?? `The mail server refused ${method}`;
    super(`${text} (${method}: ${type}${description ? ` — ${description}` : ''})`);
    this.type = type;
    this.description = description;
  }
}

const SET_ERROR_TEXT: Record<string, string> = {
  forbidden: 'not allowed',
  overQuota: 'the mailbox is over its storage quota',
  tooLarge: 'it is too large for the mail server',
  rateLimit: 'too many messages sent recently; try again later',
  notFound: 'it no longer exists on the server',
  invalidPatch: 'the change was malformed',
  willDestroy: 'it is being deleted in the same request',
  invalidProperties: 'some values were not accepted',
  singleton: 'there can be only one of these',
  alreadyExists: 'it already exists',
  mailboxHasChild: 'the folder still has subfolders',
  mailboxHasEmail: 'the folder still has messages',
  blobNotFound: 'an uploaded part (attachment) is missing on the server',
  tooManyKeywords: 'too many flags on one message',
  tooManyMailboxes: 'the message is in too many folders',
  invalidEmail: 'the message is not valid',
  tooManyRecipients: 'too many recipients',
  noRecipients: 'the message has no recipients',
  invalidRecipients: 'some recipient addresses were refused',
  forbiddenMailFrom: 'you may not send from this address',
  forbiddenFrom: 'you may not send with this From address',
  forbiddenToSend: 'you are not allowed to send mail',
  cannotUnsend: 'it has already been sent',
};

/** A SetError as a sentence, with the server's own description and the details it names. */
export function describeSetError(error: SetError): string {
  const base = SET_ERROR_TEXT[error.type] ?? `refused (${error.type})`;
  const extra: string[] = [];
  if (error.properties?.length) extra.push(`properties: ${error.properties.join(', ')}`);
  if (error.invalidRecipients?.length) extra.push(`addresses: ${error.invalidRecipients.join(', ')}`);
  if (error.notFound?.length) extra.push(`missing: ${error.notFound.join(', ')}`);
  if (typeof error.description === 'string' && error.description) extra.push(error.description);
  return extra.length ? `${base} (${extra.join('; ')})` : base;
}

export type SetOperation = 'create' | 'update' | 'destroy';

/** One object a /set (or /import, /copy) did not create, update or destroy. */
export class SetItemError extends JmapError {
  readonly kind = 'setItem';
  constructor(
    readonly method: string,
    readonly op: SetOperation,
    /** The creation id for create, the object id otherwise. */
    readonly id: string,
    readonly setError: SetError,
  ) {
    super(`Could not ${op} ${objectName(method)} ${id}: ${describeSetError(setError)}`);
  }
  get type(): string {
    return this.setError.type;
  }
}

function objectName(method: string): string {
  const type = method.split('/')[0] ?? method;
  return type === 'Email' ? 'message' : type === 'Mailbox' ? 'folder' : type;
}

/** The server lacks a capability or answered unknownMethod: a feature to switch off, not a failure. */
export class UnsupportedError extends JmapError {
  readonly kind = 'unsupported';
  constructor(
    readonly feature: string,
    message = `The mail server does not support ${feature}`,
  ) {
    super(message);
  }
}

/** Refused before sending (or by HTTP 413): bigger than the server accepts. */
export class TooLargeError extends JmapError {
  readonly kind = 'tooLarge';
  constructor(
    readonly size: number,
    readonly max: number,
    what = 'The file',
  ) {
    // When both round to the same figure, exact byte counts say more than "1.0 MB; the limit is 1.0 MB".
    const [a, b] = formatBytes(size) === formatBytes(max) ? [`${size} bytes`, `${max} bytes`] : [formatBytes(size), formatBytes(max)];
    super(`${what} is too large for the mail server (${a}; the limit is ${b})`);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * The event source answered 204 or an empty non-stream body: the server has no push
 * (Cyrus 3.6 from Debian). Callers fall back to polling.
 */
export class PushUnavailableError extends JmapError {
  readonly kind = 'pushUnavailable';
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`The mail server at ${hostOf(url)} does not push changes (HTTP ${status}); checking for new mail periodically instead`);
  }
}

/** True for "this server does not offer that": a missing capability or unknownMethod. */
export function isUnsupported(error: unknown): boolean {
  if (error instanceof UnsupportedError) return true;
  if (error instanceof MethodError) return error.type === 'unknownMethod';
  return false;
}

export function isPushUnavailable(error: unknown): error is PushUnavailableError {
  return error instanceof PushUnavailableError;
}
