/**
 * What a page asks of the host (the service worker, or the page's own host) that the
 * mirror does not hold: one typed map, request and reply per kind. Everything that
 * arrives is checked here first: a page of another version may be open next to this
 * worker, so an unknown or malformed request gets an error reply in words, never trust.
 * Failures travel as data too (`HostError`): a kind the page can act on and a sentence
 * a person can read.
 */
import type {
  EmailAddress,
  EmailBodyPart,
  EmailHeader,
  EmailBodyValue,
  EmailFilter,
  Email,
  Identity,
  VacationResponse,
} from '../jmap/index.ts';
import type { ScheduledMail } from '../outbox/index.ts';

/** The parts of a message a conversation view shows (what the mirror's bodies hold). */
export interface BodyParts {
  textBody: EmailBodyPart[];
  htmlBody: EmailBodyPart[];
  attachments: EmailBodyPart[];
  bodyValues: Record<string, EmailBodyValue>;
  /** The headers a reply needs that the mirror's rows do not hold (also on src/sync's BodyRecord). */
  replyTo?: EmailAddress[] | null;
  references?: string[] | null;
  /** What a draft opened in the composer holds beside To and Cc. */
  bcc?: EmailAddress[] | null;
  inReplyTo?: string[] | null;
  /** The message's header fields, raw (List-Unsubscribe and the like; also on BodyRecord). */
  headers?: EmailHeader[];
}

/** An attached message as the server read it (RFC 8621 Email/parse). */
export interface ParsedMessage extends BodyParts {
  from: EmailAddress[] | null;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
  subject: string | null;
  sentAt: string | null;
}

export type SearchEmail = Pick<Email, 'id' | 'threadId' | 'subject' | 'from' | 'receivedAt' | 'keywords'>;

export interface HostRequests {
  /** What the page needs to know of the account's JMAP session. */
  session: {
    request: Record<string, never>;
    /** `applicationServerKey`: the server's VAPID key (RFC 9749), null when it offers no Web Push. */
    reply: {
      accountId: string;
      username: string;
      capabilities: string[];
      maxSizeUpload: number;
      applicationServerKey: string | null;
      /** How far ahead (seconds) the server holds mail for send later; 0: it cannot (src/jmap delayedSendLimit). */
      maxDelayedSend: number;
    };
  };
  /** One message's parts and their text, each text cut at `maxBodyValueBytes`. */
  body: { request: { emailId: string; maxBodyValueBytes: number }; reply: BodyParts };
  /**
   * An attached message (a message/rfc822 part, by its blobId) read by the server
   * (Email/parse): its headers and parts, each text cut at `maxBodyValueBytes`; its own
   * parts' blobIds download through `blob`.
   */
  parse: { request: { blobId: string; maxBodyValueBytes: number }; reply: ParsedMessage };
  /** A blob's bytes (an attachment, an inline image), transferred, not copied. */
  blob: { request: { blobId: string; type: string }; reply: { bytes: ArrayBuffer; type: string } };
  /** The server's search: the newest `limit` conversations' latest matches, with snippets if asked. */
  search: {
    request: { filter: EmailFilter; limit: number; snippets: boolean };
    /** `snippets`: email id -> the server's marked-up preview (null when not asked or refused). */
    reply: { emails: SearchEmail[]; snippets: Record<string, string> | null };
  };
  /** The account's identities; null when it cannot send through JMAP (no submission capability). */
  identities: { request: Record<string, never>; reply: { identities: Identity[] | null } };
  /**
   * The addresses of the account's contact cards (RFC 9610), the first 500 (answers.ts)
   * cards; null when the account lists no contacts capability (Cyrus 3.6).
   */
  contacts: { request: Record<string, never>; reply: { contacts: { name: string | null; email: string }[] | null } };
  /** Mail the server holds to send later (src/outbox scheduledMail); null (and `why`, in words): not listed (no submission capability, or no EmailSubmission/query). */
  scheduled: { request: Record<string, never>; reply: { scheduled: ScheduledMail[] | null; why?: string } };
  /** The vacation response (an account without the capability answers notSupported). */
  vacation: { request: Record<string, never>; reply: { vacation: VacationResponse } };
  /**
   * "Download everything now": the account's engine fetches the rest of the offline choice
   * at once (its progress is in the mirror's progress row). `started`: false when the
   * engine does not run in this host yet (it was started, and downloads as it syncs).
   */
  downloadScope: { request: Record<string, never>; reply: { started: boolean } };
}

export type HostRequestKind = keyof HostRequests;
export type RequestOf<K extends HostRequestKind> = HostRequests[K]['request'];
export type ReplyOf<K extends HostRequestKind> = HostRequests[K]['reply'];

/** The message a page posts (with a MessagePort for the answer). */
export type HostAsk = { [K in HostRequestKind]: { type: 'ask'; accountId: string; kind: K; request: RequestOf<K> } }[HostRequestKind];

export type HostErrorKind =
  /** The server cannot be reached (or did not answer in time). */
  | 'offline'
  /** There is no sign-in on this device, or the server refused it. */
  | 'signInNeeded'
  /** The server answered with a failure (HTTP, a method error, a malformed answer). */
  | 'serverError'
  /** The account or server does not offer this (no capability, unknown method). */
  | 'notSupported'
  /** The thing asked for is not on the server (any more). */
  | 'notFound'
  /** The request itself was unknown or malformed (a page of another version?). */
  | 'badRequest';

export interface HostError {
  kind: HostErrorKind;
  /** A sentence a person can read. */
  message: string;
  /** The one retry policy's verdict for a UI fetch: asking again may help. */
  transient: boolean;
  /** The server said how long to wait (Retry-After), if it did. */
  retryAfterMs?: number;
}

export type HostAnswer<K extends HostRequestKind = HostRequestKind> = { ok: true; reply: ReplyOf<K> } | { ok: false; error: HostError };

/** The first message on the port: the host took the request (an older host ignores it). */
export const ACCEPTED = 'accepted';

const KINDS: readonly HostRequestKind[] = [
  'session',
  'body',
  'parse',
  'blob',
  'search',
  'identities',
  'contacts',
  'scheduled',
  'vacation',
  'downloadScope',
];
const MAX_SEARCH_LIMIT = 256;
const MAX_BODY_BYTES = 50_000_000;

const id = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 255;
const plainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const wholeIn = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** True when this looks meant for `parseHostAsk` (the rest of the check is its). */
export function isHostAsk(data: unknown): boolean {
  return plainObject(data) && data.type === 'ask';
}

/** A runtime check of a request: the request, or what is wrong with it in words. */
export function parseHostAsk(data: unknown): HostAsk | { problem: string } {
  if (!plainObject(data) || data.type !== 'ask') return { problem: 'This is not a request to the mail host.' };
  const { accountId, kind, request } = data;
  if (!id(accountId)) return { problem: 'The request names no account.' };
  const known = KINDS.find((k) => k === kind);
  if (!known)
    return { problem: `The mail host does not know the request “${String(kind).slice(0, 40)}” (is this page of another version?).` };
  if (!plainObject(request)) return { problem: `The ${known} request carries no arguments.` };
  switch (known) {
    case 'session':
    case 'identities':
    case 'contacts':
    case 'scheduled':
    case 'vacation':
    case 'downloadScope':
      return { type: 'ask', accountId, kind: known, request: {} };
    case 'body': {
      const { emailId, maxBodyValueBytes } = request;
      if (!id(emailId)) return { problem: 'The body request names no message.' };
      if (!wholeIn(maxBodyValueBytes, 1, MAX_BODY_BYTES)) return { problem: 'The body request asks for an impossible size.' };
      return { type: 'ask', accountId, kind: known, request: { emailId, maxBodyValueBytes } };
    }
    case 'parse': {
      const { blobId, maxBodyValueBytes } = request;
      if (!id(blobId)) return { problem: 'The attached message request names no blob.' };
      if (!wholeIn(maxBodyValueBytes, 1, MAX_BODY_BYTES)) return { problem: 'The attached message request asks for an impossible size.' };
      return { type: 'ask', accountId, kind: known, request: { blobId, maxBodyValueBytes } };
    }
    case 'blob': {
      const { blobId, type } = request;
      if (!id(blobId)) return { problem: 'The download request names no blob.' };
      if (typeof type !== 'string' || type.length > 255) return { problem: 'The download request gives no type.' };
      return { type: 'ask', accountId, kind: known, request: { blobId, type } };
    }
    case 'search': {
      const { filter, limit, snippets } = request;
      if (!plainObject(filter)) return { problem: 'The search request carries no filter.' };
      if (!wholeIn(limit, 1, MAX_SEARCH_LIMIT)) return { problem: `The search request asks for more than ${MAX_SEARCH_LIMIT} results.` };
      return { type: 'ask', accountId, kind: known, request: { filter: filter as EmailFilter, limit, snippets: snippets === true } };
    }
  }
}

/** A failure the host words itself (no sign-in, not offered, not there). */
export class HostFailure extends Error {
  constructor(
    readonly kind: HostErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** What the port should transfer rather than copy (a blob's bytes). */
export function transferables(answer: HostAnswer): Transferable[] {
  if (!answer.ok) return [];
  const reply = answer.reply as Partial<ReplyOf<'blob'>>;
  return reply.bytes instanceof ArrayBuffer ? [reply.bytes] : [];
}
