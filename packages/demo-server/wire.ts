/**
 * JMAP wire types as this server sends and receives them (RFC 8620, RFC 8621). They are
 * this server's own, written from the RFCs, not taken from the client (src/jmap/wire):
 * the demo stands in for real servers in the engine suite, so it must not inherit the
 * client's reading of the protocol (a field the client got wrong would compile into the
 * server too and every demo test would agree with it; Cyrus would not). They are also
 * stricter than the client's view: a server always sends every property it lists.
 */

export type Id = string;
/** RFC 3339 date-time in UTC ("2026-12-01T10:00:00Z"). */
export type UTCDate = string;

/** RFC 8621 §4.1.2.3: one address of an address header. */
export interface EmailAddress {
  name: string | null;
  email: string;
}
/** RFC 8621 §4.1.2.4: the GroupedAddresses form. */
export interface EmailAddressGroup {
  name: string | null;
  addresses: EmailAddress[];
}
/** RFC 8621 §4.1.3: a raw header field, value as it stands in the message. */
export interface EmailHeader {
  name: string;
  value: string;
}

/** RFC 8621 §2: the rights of the user on a mailbox (myRights), every one sent. */
type MailboxRight =
  | 'mayReadItems'
  | 'mayAddItems'
  | 'mayRemoveItems'
  | 'maySetSeen'
  | 'maySetKeywords'
  | 'mayCreateChild'
  | 'mayRename'
  | 'mayDelete'
  | 'maySubmit';

/** RFC 8621 §2.1, with the counts this server keeps per mailbox. */
export interface Mailbox {
  id: Id;
  name: string;
  parentId: Id | null;
  role: string | null;
  sortOrder: number;
  totalEmails: number;
  unreadEmails: number;
  totalThreads: number;
  unreadThreads: number;
  myRights: Record<MailboxRight, boolean>;
  isSubscribed: boolean;
}

/** RFC 8621 §6.1. */
export interface Identity {
  id: Id;
  name: string;
  email: string;
  replyTo: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  textSignature: string;
  htmlSignature: string;
  mayDelete: boolean;
}

/** RFC 8621 §8.1: one per account, always with the id "singleton". */
export interface VacationResponse {
  id: 'singleton';
  isEnabled: boolean;
  fromDate: UTCDate | null;
  toDate: UTCDate | null;
  subject: string | null;
  textBody: string | null;
  htmlBody: string | null;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Invocation = [name: string, args: JsonObject, callId: string];

export interface JmapRequest {
  using: string[];
  methodCalls: Invocation[];
  createdIds?: Record<string, Id>;
}

export interface JmapResponse {
  methodResponses: Invocation[];
  createdIds?: Record<string, Id>;
  sessionState: string;
}

export interface EmailBodyPart {
  partId: string | null;
  blobId: Id | null;
  size: number;
  headers: EmailHeader[];
  name: string | null;
  type: string;
  charset: string | null;
  disposition: string | null;
  cid: string | null;
  language: string[] | null;
  location: string | null;
  subParts: EmailBodyPart[] | null;
}

export interface EmailBodyValue {
  value: string;
  isEncodingProblem: boolean;
  isTruncated: boolean;
}

export interface Envelope {
  mailFrom: { email: string; parameters: Record<string, string | null> | null };
  rcptTo: { email: string; parameters: Record<string, string | null> | null }[];
}

export interface DeliveryStatus {
  smtpReply: string;
  delivered: 'queued' | 'yes' | 'no' | 'unknown';
  displayed: 'unknown' | 'yes';
}

export interface EmailSubmission {
  id: Id;
  identityId: Id;
  emailId: Id;
  threadId: Id;
  envelope: Envelope | null;
  sendAt: string;
  undoStatus: 'pending' | 'final' | 'canceled';
  deliveryStatus: Record<string, DeliveryStatus> | null;
  dsnBlobIds: Id[];
  mdnBlobIds: Id[];
}

export interface SetError {
  type: string;
  description?: string;
  properties?: string[];
  notFound?: Id[];
  [extra: string]: Json | undefined;
}

/** Data types that have a state string and appear in StateChange events. */
export const DATA_TYPES = ['Mailbox', 'Email', 'Thread', 'Identity', 'EmailSubmission', 'VacationResponse', 'EmailDelivery'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export interface StateChange {
  '@type': 'StateChange';
  changed: Record<Id, Partial<Record<DataType, string>>>;
}

/** RFC 8620 7.2: a push subscription as stored (url and keys are never sent back on /get). */
export interface PushSubscription {
  id: Id;
  deviceClientId: string;
  url: string;
  keys: { p256dh: string; auth: string };
  verificationCode: string | null;
  expires: UTCDate;
  types: DataType[] | null;
}

export const CAPABILITY = {
  core: 'urn:ietf:params:jmap:core',
  mail: 'urn:ietf:params:jmap:mail',
  submission: 'urn:ietf:params:jmap:submission',
  vacation: 'urn:ietf:params:jmap:vacationresponse',
  /** RFC 9610: ContactCards (profiles with `contacts`). */
  contacts: 'urn:ietf:params:jmap:contacts',
  /** RFC 9749: the server signs its Web Push requests with this VAPID key. */
  webPushVapid: 'urn:ietf:params:jmap:webpush-vapid',
} as const;
