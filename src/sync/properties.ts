/** What the engine asks the server for. */

/** Email metadata: exactly the fields of EmailRecord (cache.ts), nothing large. */
export const EMAIL_METADATA_PROPERTIES = [
  'id',
  'blobId',
  'threadId',
  'mailboxIds',
  'keywords',
  'receivedAt',
  'sentAt',
  'from',
  'to',
  'cc',
  'subject',
  'preview',
  'size',
  'hasAttachment',
  'messageId',
] as const;

/** All an update can change (RFC 8621 §4.1: the rest of an Email is immutable). */
export const EMAIL_MUTABLE_PROPERTIES = ['id', 'keywords', 'mailboxIds'] as const;

/** A body for offline reading: the parts to show, their decoded text, and reply headers. */
export const EMAIL_BODY_PROPERTIES = [
  'id',
  'receivedAt',
  'textBody',
  'htmlBody',
  'attachments',
  'bodyValues',
  'headers',
  'replyTo',
  'bcc',
  'inReplyTo',
  'references',
] as const;

/** Longest body text kept per part; the rest is marked isTruncated by the server. */
export const MAX_BODY_VALUE_BYTES = 256 * 1024;

export const RECEIVED_NEWEST_FIRST = [{ property: 'receivedAt', isAscending: false }];
