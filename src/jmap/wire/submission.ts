/** RFC 8621 §7: EmailSubmission. */
import type { Comparator, Filter, Id, UTCDate } from './core.ts';

export interface SmtpAddress {
  email: string;
  parameters?: Record<string, string | null> | null;
}

/** RFC 8621 §7: the SMTP envelope; when omitted the server derives it from the headers. */
export interface Envelope {
  mailFrom: SmtpAddress;
  rcptTo: SmtpAddress[];
}

export interface DeliveryStatus {
  smtpReply: string;
  delivered: 'queued' | 'yes' | 'no' | 'unknown';
  displayed: 'unknown' | 'yes';
}

export type UndoStatus = 'pending' | 'final' | 'canceled';

export interface EmailSubmission {
  id: Id;
  identityId: Id;
  emailId: Id;
  threadId?: Id;
  envelope?: Envelope | null;
  sendAt?: UTCDate;
  undoStatus?: UndoStatus;
  deliveryStatus?: Record<string, DeliveryStatus> | null;
  dsnBlobIds?: Id[];
  mdnBlobIds?: Id[];
}

/** RFC 8621 §7.5: the properties a client sets on create. */
export interface EmailSubmissionCreate {
  identityId: Id;
  /** An email id or "#creationId" of an Email created earlier in the same request. */
  emailId: Id;
  envelope?: Envelope | null;
}

/** RFC 8621 §7.3. */
export interface EmailSubmissionFilterCondition {
  identityIds?: Id[];
  emailIds?: Id[];
  threadIds?: Id[];
  undoStatus?: UndoStatus;
  before?: UTCDate;
  after?: UTCDate;
}
export type EmailSubmissionFilter = Filter<EmailSubmissionFilterCondition>;
export type EmailSubmissionComparator = Comparator<'emailId' | 'threadId' | 'sentAt'>;
