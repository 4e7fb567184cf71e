/**
 * JMAP core wire types (RFC 8620). Ids and states are opaque strings: never parse them
 * (Cyrus states look like "17", query states "17:0"; other servers differ).
 */

/** RFC 8620 §1.2: an opaque identifier, 1-255 URL-safe characters. */
export type Id = string;
/** RFC 8620 §1.4: "2024-05-01T10:00:00Z" — always UTC, with "Z". */
export type UTCDate = string;
/** RFC 8620 §1.4: a date-time with a time-zone offset. */
export type LocalDate = string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** RFC 8620 §3.2: [method name, arguments, method call id]. */
export type Invocation = [name: string, args: Record<string, unknown>, callId: string];

/** RFC 8620 §3.3. */
export interface JmapRequestBody {
  using: string[];
  methodCalls: Invocation[];
  /** Creation id -> server id, carried between requests (RFC 8620 §3.3). */
  createdIds?: Record<Id, Id>;
}

/** RFC 8620 §3.4. */
export interface JmapResponseBody {
  methodResponses: Invocation[];
  createdIds?: Record<Id, Id>;
  sessionState: string;
}

/** RFC 8620 §3.7: a back-reference to the result of an earlier call in the same request. */
export interface ResultReference {
  resultOf: string;
  name: string;
  /** A JSON Pointer (RFC 6901) with the JMAP `*` extension for arrays. */
  path: string;
}

/**
 * RFC 8620 §5.3: keys are property paths ("keywords/$seen", "mailboxIds/abc"), values
 * replace that property; null removes it (for map entries).
 */
export type PatchObject = Record<string, unknown>;

/** RFC 8620 §5.3 + RFC 8621 SetError types. `type` may also be a value this client does not know. */
export type SetErrorType =
  | 'forbidden'
  | 'overQuota'
  | 'tooLarge'
  | 'rateLimit'
  | 'notFound'
  | 'invalidPatch'
  | 'willDestroy'
  | 'invalidProperties'
  | 'singleton'
  | 'alreadyExists'
  | 'mailboxHasChild'
  | 'mailboxHasEmail'
  | 'blobNotFound'
  | 'tooManyKeywords'
  | 'tooManyMailboxes'
  | 'invalidEmail'
  | 'tooManyRecipients'
  | 'noRecipients'
  | 'invalidRecipients'
  | 'forbiddenMailFrom'
  | 'forbiddenFrom'
  | 'forbiddenToSend'
  | 'cannotUnsend';

/** RFC 8620 §5.3. Extra properties depend on the type (e.g. `notFound` for blobNotFound). */
export interface SetError {
  type: SetErrorType | (string & {});
  description?: string | null;
  /** invalidProperties: the properties that were wrong. */
  properties?: string[];
  /** alreadyExists: the id of the existing object. */
  existingId?: Id;
  /** blobNotFound: the missing blob ids. */
  notFound?: Id[];
  /** tooLarge (RFC 8621 §7.5): the server's size limit. */
  maxSize?: number;
  /** invalidRecipients: the addresses rejected. */
  invalidRecipients?: string[];
  [extra: string]: unknown;
}

/** RFC 8620 §3.6.2: method-level error types. */
export type MethodErrorType =
  | 'serverUnavailable'
  | 'serverFail'
  | 'serverPartialFail'
  | 'unknownMethod'
  | 'invalidArguments'
  | 'invalidResultReference'
  | 'forbidden'
  | 'accountNotFound'
  | 'accountNotSupportedByMethod'
  | 'accountReadOnly'
  | 'requestTooLarge'
  | 'stateMismatch'
  | 'cannotCalculateChanges'
  | 'tooManyChanges'
  | 'anchorNotFound'
  | 'unsupportedSort'
  | 'unsupportedFilter'
  | 'fromAccountNotFound'
  | 'fromAccountNotSupportedByMethod';

/** RFC 8620 §3.6.1 request-level error types (problem details, RFC 7807). */
export const REQUEST_ERROR_PREFIX = 'urn:ietf:params:jmap:error:';
export type RequestErrorType = 'unknownCapability' | 'notJSON' | 'notRequest' | 'limit';

/** RFC 7807 problem details as JMAP servers send them for request-level errors. */
export interface ProblemDetails {
  type: string;
  status?: number;
  title?: string;
  detail?: string;
  /** For type limit: which limit was hit, e.g. "maxCallsInRequest". */
  limit?: string;
  [extra: string]: unknown;
}

/** RFC 8620 §5.5: a comparator for /query sorting. */
export interface Comparator<P extends string = string> {
  property: P;
  isAscending?: boolean;
  collation?: string;
  /** RFC 8621 §4.4.2: for property "hasKeyword" etc. */
  keyword?: string;
}

/** RFC 8620 §5.5: filters combine with AND / OR / NOT. */
export interface FilterOperator<C> {
  operator: 'AND' | 'OR' | 'NOT';
  conditions: Filter<C>[];
}
export type Filter<C> = C | FilterOperator<C>;
