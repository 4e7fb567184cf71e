/** The JMAP Session resource (RFC 8620 §2). */
import type { Id } from './core.ts';

export const CAPABILITY = {
  core: 'urn:ietf:params:jmap:core',
  mail: 'urn:ietf:params:jmap:mail',
  submission: 'urn:ietf:params:jmap:submission',
  vacationResponse: 'urn:ietf:params:jmap:vacationresponse',
  blob: 'urn:ietf:params:jmap:blob',
  websocket: 'urn:ietf:params:jmap:websocket',
  mdn: 'urn:ietf:params:jmap:mdn',
  /** RFC 9610: address books and ContactCards (not in Cyrus 3.6). */
  contacts: 'urn:ietf:params:jmap:contacts',
  /** RFC 9749: Web Push signed with VAPID (server-level, never in `using`). */
  webPushVapid: 'urn:ietf:params:jmap:webpush-vapid',
} as const;

/** RFC 8620 §2: the `urn:ietf:params:jmap:core` capability object. */
export interface CoreCapability {
  maxSizeUpload: number;
  maxConcurrentUpload: number;
  maxSizeRequest: number;
  maxConcurrentRequests: number;
  maxCallsInRequest: number;
  maxObjectsInGet: number;
  maxObjectsInSet: number;
  collationAlgorithms: string[];
}

/** RFC 8621 §1.3.1: the mail account capability. */
export interface MailAccountCapability {
  maxMailboxesPerEmail: number | null;
  maxMailboxDepth: number | null;
  maxSizeMailboxName: number;
  maxSizeAttachmentsPerEmail: number;
  emailQuerySortOptions: string[];
  mayCreateTopLevelMailbox: boolean;
}

/** RFC 8621 §1.3.2: the submission account capability. */
export interface SubmissionAccountCapability {
  maxDelayedSend: number;
  /** EHLO keyword -> arguments. Cyrus lowercases the keys: compare case-insensitively. */
  submissionExtensions: Record<string, string[]>;
}

export interface Account {
  name: string;
  isPersonal: boolean;
  isReadOnly: boolean;
  accountCapabilities: Record<string, unknown>;
}

/**
 * RFC 8620 §2. The URLs here are ALREADY resolved against the session URL by this client
 * (servers like Cyrus send relative paths); templates keep their `{variables}`.
 */
export interface Session {
  capabilities: Record<string, unknown> & { [CAPABILITY.core]: CoreCapability };
  accounts: Record<Id, Account>;
  primaryAccounts: Record<string, Id>;
  username: string;
  apiUrl: string;
  downloadUrl: string;
  uploadUrl: string;
  eventSourceUrl: string;
  state: string;
}

/**
 * How far ahead (seconds) the server holds a submission; 0: no send later. The smaller of
 * `maxDelayedSend` and the FUTURERELEASE interval of the SMTP server behind it when given:
 * Cyrus 3.6 answered 44236800 (512 days) behind a relay offering 2592000 (30 days).
 */
export function delayedSendLimit(capability: Partial<SubmissionAccountCapability> | undefined): number {
  const max = capability?.maxDelayedSend;
  if (typeof max !== 'number' || !Number.isFinite(max) || max <= 0) return 0;
  const ext = Object.entries(capability?.submissionExtensions ?? {}).find(([k]) => k.toLowerCase() === 'futurerelease')?.[1];
  const interval = Number(ext?.[0]);
  return Math.floor(Number.isFinite(interval) && interval > 0 ? Math.min(max, interval) : max);
}
