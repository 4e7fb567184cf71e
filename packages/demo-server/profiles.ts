/**
 * Server profiles: the demo server imitates a real server's limits and differences,
 * chosen at start. Every difference lives in this one table; code elsewhere reads
 * `profile.x` and never checks a profile's name. Sources and reasons are in
 * docs/servers/others.md (Stalwart, James, Fastmail) and docs/servers/cyrus.md.
 */

export type ProfileName = 'default' | 'cyrus' | 'stalwart' | 'james' | 'fastmail';
export const PROFILE_NAMES: ProfileName[] = ['default', 'cyrus', 'stalwart', 'james', 'fastmail'];

export interface CoreLimits {
  maxSizeUpload: number;
  maxConcurrentUpload: number;
  maxSizeRequest: number;
  maxConcurrentRequests: number;
  maxCallsInRequest: number;
  maxObjectsInGet: number;
  maxObjectsInSet: number;
}

export interface PushRules {
  /** false: the event source answers 204 No Content (Cyrus 3.6 from Debian). */
  enabled: boolean;
  /** The session's eventSourceUrl is a URI template (RFC 8620) or a bare URL (Fastmail). */
  template: boolean;
  /** The name of the close-after query parameter (James spells it camelCase). */
  closeAfterParam: 'closeafter' | 'closeAfter';
  /** Query parameters that must be present, else 400 (James). */
  requiredParams: string[];
  /** Without `types` nothing is pushed (Stalwart); otherwise a missing `types` means all. */
  typesRequired: boolean;
  /** The unit of the `interval` in ping events (Stalwart: milliseconds). */
  pingUnit: 'seconds' | 'milliseconds';
  /** Ping intervals are clamped to at least this many seconds. */
  minPingSeconds: number;
  /** Events carry an `id:` so Last-Event-ID can resume (Stalwart sends none). */
  eventIds: boolean;
  /** An unknown name in `types` is a 400 (Stalwart); otherwise it is ignored. */
  rejectUnknownTypes: boolean;
}

export interface Profile {
  name: ProfileName;
  limits: CoreLimits;
  /** James: an Email/get asking for body properties takes at most this many ids. */
  maxEmailsInBodyGet: number | null;
  /** Stalwart: SearchSnippet/get takes at most this many ids. */
  maxSnippetIds: number | null;
  /** Query results are capped at this many ids (the `limit` returned says so). */
  maxQueryLimit: number;
  /** URLs in the session are absolute (Stalwart, James, Fastmail) or relative paths (Cyrus). */
  absoluteUrls: boolean;
  /** The status of the /.well-known/jmap redirect. */
  wellKnownStatus: 301 | 302 | 307;
  /** The path of the session resource. */
  sessionPath: string;
  auth: { basic: boolean; bearer: boolean };
  /** Methods answered with unknownMethod. */
  missingMethods: string[];
  push: PushRules;
  /**
   * Web Push (RFC 8620 7.2 PushSubscription, signed with VAPID per RFC 9749): Stalwart
   * offers it; Cyrus, James and Fastmail do not (docs/design/web-push.md).
   */
  webPush: boolean;
  /**
   * JMAP for Contacts (RFC 9610): ContactCard/get and /query over a few fixed cards. The
   * default and Stalwart profiles offer it; Cyrus 3.6, James and Fastmail here do not.
   */
  contacts: boolean;
  /** How many /changes entries are kept per type before older states answer cannotCalculateChanges. */
  changeHistory: number;
  /** Email/query reports canCalculateChanges and supports calculateTotal. */
  queryChanges: boolean;
  calculateTotal: boolean;
  /** James bug: a truncated Email/changes (hasMoreChanges) returns newState == oldState. */
  changesStuckWhenMore: boolean;
  /** James: Email/set create and Email/import take exactly one mailbox. */
  singleMailboxOnCreate: boolean;
  /** Stalwart: uploads no email uses are dropped after this many ms (null: kept). */
  uploadExpiryMs: number | null;
}

const MB = 1024 * 1024;

const standardPush: PushRules = {
  enabled: true,
  template: true,
  closeAfterParam: 'closeafter',
  requiredParams: [],
  typesRequired: false,
  pingUnit: 'seconds',
  minPingSeconds: 1,
  eventIds: true,
  rejectUnknownTypes: false,
};

const base: Profile = {
  name: 'default',
  limits: {
    maxSizeUpload: 50 * MB,
    maxConcurrentUpload: 4,
    maxSizeRequest: 10 * MB,
    maxConcurrentRequests: 8,
    maxCallsInRequest: 32,
    maxObjectsInGet: 500,
    maxObjectsInSet: 500,
  },
  maxEmailsInBodyGet: null,
  maxSnippetIds: null,
  maxQueryLimit: 5000,
  absoluteUrls: false,
  wellKnownStatus: 301,
  sessionPath: '/jmap/',
  auth: { basic: true, bearer: true },
  missingMethods: [],
  push: standardPush,
  webPush: true,
  contacts: true,
  changeHistory: 10_000,
  queryChanges: true,
  calculateTotal: true,
  changesStuckWhenMore: false,
  singleMailboxOnCreate: false,
  uploadExpiryMs: null,
};

export const PROFILES: Record<ProfileName, Profile> = {
  default: base,
  cyrus: {
    ...base,
    name: 'cyrus',
    limits: { ...base.limits, maxConcurrentRequests: 5, maxCallsInRequest: 50, maxObjectsInGet: 4096, maxObjectsInSet: 4096 },
    missingMethods: ['Identity/set', 'Identity/changes'],
    push: { ...standardPush, enabled: false },
    webPush: false,
    contacts: false,
  },
  stalwart: {
    ...base,
    name: 'stalwart',
    limits: {
      ...base.limits,
      maxConcurrentRequests: 4,
      maxConcurrentUpload: 4,
      maxCallsInRequest: 16,
      maxObjectsInGet: 500,
      maxObjectsInSet: 500,
    },
    maxSnippetIds: 100,
    uploadExpiryMs: 60 * 60 * 1000,
    absoluteUrls: true,
    wellKnownStatus: 307,
    sessionPath: '/jmap/session',
    push: { ...standardPush, typesRequired: true, pingUnit: 'milliseconds', minPingSeconds: 30, eventIds: false, rejectUnknownTypes: true },
  },
  james: {
    ...base,
    name: 'james',
    limits: { ...base.limits, maxSizeUpload: 30 * MB, maxCallsInRequest: 16, maxObjectsInGet: 500, maxObjectsInSet: 500 },
    maxEmailsInBodyGet: 5,
    absoluteUrls: true,
    wellKnownStatus: 302,
    sessionPath: '/jmap/session',
    missingMethods: [
      'Email/queryChanges',
      'Email/copy',
      'EmailSubmission/get',
      'EmailSubmission/changes',
      'EmailSubmission/query',
      'EmailSubmission/queryChanges',
    ],
    push: { ...standardPush, closeAfterParam: 'closeAfter', requiredParams: ['types', 'ping', 'closeAfter'] },
    webPush: false,
    contacts: false,
    queryChanges: false,
    calculateTotal: false,
    changesStuckWhenMore: true,
    singleMailboxOnCreate: true,
  },
  fastmail: {
    ...base,
    name: 'fastmail',
    limits: {
      ...base.limits,
      maxSizeUpload: 250 * MB,
      maxConcurrentRequests: 10,
      maxCallsInRequest: 50,
      maxObjectsInGet: 4096,
      maxObjectsInSet: 4096,
    },
    absoluteUrls: true,
    sessionPath: '/jmap/session',
    auth: { basic: false, bearer: true },
    push: { ...standardPush, template: false },
    webPush: false,
    contacts: false,
  },
};

export function getProfile(name: string | undefined): Profile {
  const key = (name ?? 'default') as ProfileName;
  const profile = PROFILES[key];
  if (!profile) throw new Error(`Unknown demo server profile "${name}"; use one of ${PROFILE_NAMES.join(', ')}.`);
  return profile;
}
