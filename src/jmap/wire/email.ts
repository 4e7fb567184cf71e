/** RFC 8621 §4: Email and its parts. */
import type { Comparator, Filter, Id, UTCDate } from './core.ts';

/** RFC 8621 §4.1.2.3. */
export interface EmailAddress {
  name: string | null;
  email: string;
}

export interface EmailAddressGroup {
  name: string | null;
  addresses: EmailAddress[];
}

export interface EmailHeader {
  name: string;
  value: string;
}

/** RFC 8621 §4.1.4. */
export interface EmailBodyPart {
  partId?: string | null;
  blobId?: Id | null;
  size?: number;
  headers?: EmailHeader[];
  name?: string | null;
  type?: string;
  charset?: string | null;
  disposition?: string | null;
  cid?: string | null;
  language?: string[] | null;
  location?: string | null;
  subParts?: EmailBodyPart[] | null;
}

export interface EmailBodyValue {
  value: string;
  isEncodingProblem?: boolean;
  isTruncated?: boolean;
}

/** Keywords as IMAP flags: "$seen", "$flagged", "$draft", "$answered", "$forwarded", ... */
export type Keywords = Record<string, true>;

/**
 * RFC 8621 §4.1. Every property but `id` is optional here because Email/get returns only
 * the properties asked for (`properties`), and body values only when fetched.
 * `header:X:asForm` properties are reachable through the index signature.
 */
export interface Email {
  id: Id;
  blobId?: Id;
  threadId?: Id;
  mailboxIds?: Record<Id, true>;
  keywords?: Keywords;
  size?: number;
  receivedAt?: UTCDate;
  messageId?: string[] | null;
  inReplyTo?: string[] | null;
  references?: string[] | null;
  sender?: EmailAddress[] | null;
  from?: EmailAddress[] | null;
  to?: EmailAddress[] | null;
  cc?: EmailAddress[] | null;
  bcc?: EmailAddress[] | null;
  replyTo?: EmailAddress[] | null;
  subject?: string | null;
  sentAt?: string | null;
  headers?: EmailHeader[];
  bodyStructure?: EmailBodyPart;
  bodyValues?: Record<string, EmailBodyValue>;
  textBody?: EmailBodyPart[];
  htmlBody?: EmailBodyPart[];
  attachments?: EmailBodyPart[];
  hasAttachment?: boolean;
  preview?: string;
  [headerProperty: `header:${string}`]: unknown;
}

/** RFC 8621 §4.8: one message to import from an uploaded blob. */
export interface EmailImport {
  blobId: Id;
  mailboxIds: Record<Id, true>;
  keywords?: Keywords;
  receivedAt?: UTCDate;
}

/** RFC 8621 §4.4.1. */
export interface EmailFilterCondition {
  inMailbox?: Id;
  inMailboxOtherThan?: Id[];
  before?: UTCDate;
  after?: UTCDate;
  minSize?: number;
  maxSize?: number;
  allInThreadHaveKeyword?: string;
  someInThreadHaveKeyword?: string;
  noneInThreadHaveKeyword?: string;
  hasKeyword?: string;
  notKeyword?: string;
  hasAttachment?: boolean;
  text?: string;
  from?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  /** [name] or [name, value]: e.g. ["Message-ID", "<x@y>"]. */
  header?: [string] | [string, string];
}
export type EmailFilter = Filter<EmailFilterCondition>;

/** RFC 8621 §4.4.2. */
export type EmailComparator = Comparator<
  | 'receivedAt'
  | 'size'
  | 'from'
  | 'to'
  | 'subject'
  | 'sentAt'
  | 'hasKeyword'
  | 'allInThreadHaveKeyword'
  | 'someInThreadHaveKeyword'
  | (string & {})
>;
