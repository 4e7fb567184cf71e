/**
 * JMAP wire types as this server sends and receives them (RFC 8620, RFC 8621). The
 * objects the client and this server agree on field for field come from the protocol's
 * own types (src/jmap/wire: the one thing the demo server shares with the app); what is
 * defined here is stricter than the client's view (a server always sends every property
 * of a body part) or server-side only.
 */
export type { EmailAddress, EmailAddressGroup, EmailHeader } from '../../src/jmap/wire/email.ts';
export type { Mailbox } from '../../src/jmap/wire/mailbox.ts';
export type { Identity } from '../../src/jmap/wire/identity.ts';
export type { VacationResponse } from '../../src/jmap/wire/vacation.ts';
import type { EmailHeader } from '../../src/jmap/wire/email.ts';

export type Id = string;
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
export const DATA_TYPES = [
  'Mailbox',
  'Email',
  'Thread',
  'Identity',
  'EmailSubmission',
  'VacationResponse',
  'EmailDelivery',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export interface StateChange {
  '@type': 'StateChange';
  changed: Record<Id, Partial<Record<DataType, string>>>;
}

export const CAPABILITY = {
  core: 'urn:ietf:params:jmap:core',
  mail: 'urn:ietf:params:jmap:mail',
  submission: 'urn:ietf:params:jmap:submission',
  vacation: 'urn:ietf:params:jmap:vacationresponse',
} as const;
