/**
 * The typed method map: method name -> arguments -> response -> the capability it needs
 * (which decides the request's `using`). RFC section links are next to each entry.
 */
import type { ContactCard } from '../wire/contact.ts';
import type { Id, SetError } from '../wire/core.ts';
import { CAPABILITY } from '../wire/session.ts';
import type { Email, EmailComparator, EmailFilter, EmailImport } from '../wire/email.ts';
import type { Identity, IdentityCreate } from '../wire/identity.ts';
import type { Mailbox, MailboxComparator, MailboxCreate, MailboxFilter } from '../wire/mailbox.ts';
import type { PushSubscription, PushSubscriptionCreate } from '../wire/push.ts';
import type { SearchSnippet } from '../wire/snippet.ts';
import type { EmailSubmission, EmailSubmissionComparator, EmailSubmissionCreate, EmailSubmissionFilter } from '../wire/submission.ts';
import type { Thread } from '../wire/thread.ts';
import type { VacationResponse } from '../wire/vacation.ts';
import type {
  ChangesArgs,
  ChangesResponse,
  CopyArgs,
  CopyResponse,
  GetArgs,
  GetResponse,
  QueryArgs,
  QueryChangesArgs,
  QueryChangesResponse,
  QueryResponse,
  SetArgs,
  SetResponse,
} from './standard.ts';

/** RFC 8621 §4.2: body fetching options of Email/get and Email/parse. */
export interface EmailBodyFetchOptions {
  bodyProperties?: string[];
  fetchTextBodyValues?: boolean;
  fetchHTMLBodyValues?: boolean;
  fetchAllBodyValues?: boolean;
  maxBodyValueBytes?: number;
}

/** RFC 8621 §4.6: Email/set create — keywords/mailboxIds plus headers and body parts. */
export type EmailCreate = Omit<Partial<Email>, 'id' | 'blobId' | 'threadId' | 'size' | 'hasAttachment' | 'preview'>;

/** RFC 8621 §7.5: extra arguments of EmailSubmission/set. */
export interface EmailSubmissionSetExtra {
  /** Submission id or "#creationId" -> a PatchObject applied to its Email on success. */
  onSuccessUpdateEmail?: Record<Id, Record<string, unknown>> | null;
  onSuccessDestroyEmail?: Id[] | null;
}

/** RFC 9404 §4.1: a data source for Blob/upload. */
export type DataSourceObject = { 'data:asText': string } | { 'data:asBase64': string } | { blobId: Id; offset?: number; length?: number };

interface Entry<A, R, C extends string> {
  args: A;
  response: R;
  capability: C;
}

type Mail = typeof CAPABILITY.mail;
type Submission = typeof CAPABILITY.submission;

export interface MethodMap {
  /** RFC 8620 §4: echoes its arguments. */
  'Core/echo': Entry<Record<string, unknown>, Record<string, unknown>, typeof CAPABILITY.core>;

  /**
   * RFC 8620 §7.2: push subscriptions belong to the credentials, not an account: no
   * accountId, no state, and no ifInState.
   */
  'PushSubscription/get': Entry<
    { ids?: Id[] | null; properties?: string[] | null },
    { list: Omit<PushSubscription, 'url' | 'keys'>[]; notFound: Id[] | null },
    typeof CAPABILITY.core
  >;
  'PushSubscription/set': Entry<
    {
      create?: Record<Id, PushSubscriptionCreate> | null;
      update?: Record<Id, Partial<Pick<PushSubscription, 'verificationCode' | 'expires' | 'types'>>> | null;
      destroy?: Id[] | null;
    },
    Omit<SetResponse<PushSubscription>, 'accountId' | 'oldState' | 'newState'>,
    typeof CAPABILITY.core
  >;

  /** RFC 8621 §2.1-2.5. */
  'Mailbox/get': Entry<GetArgs<Mailbox>, GetResponse<Mailbox>, Mail>;
  'Mailbox/changes': Entry<ChangesArgs, ChangesResponse & { updatedProperties?: string[] | null }, Mail>;
  'Mailbox/query': Entry<
    QueryArgs<MailboxFilter, MailboxComparator> & { sortAsTree?: boolean; filterAsTree?: boolean },
    QueryResponse,
    Mail
  >;
  'Mailbox/queryChanges': Entry<QueryChangesArgs<MailboxFilter, MailboxComparator>, QueryChangesResponse, Mail>;
  'Mailbox/set': Entry<SetArgs<Mailbox, MailboxCreate> & { onDestroyRemoveEmails?: boolean }, SetResponse<Mailbox>, Mail>;

  /** RFC 8621 §3.1-3.2. */
  'Thread/get': Entry<GetArgs<Thread>, GetResponse<Thread>, Mail>;
  'Thread/changes': Entry<ChangesArgs, ChangesResponse, Mail>;

  /** RFC 8621 §4.2-4.9. */
  'Email/get': Entry<GetArgs<Email> & EmailBodyFetchOptions, GetResponse<Email>, Mail>;
  'Email/changes': Entry<ChangesArgs, ChangesResponse, Mail>;
  'Email/query': Entry<QueryArgs<EmailFilter, EmailComparator> & { collapseThreads?: boolean }, QueryResponse, Mail>;
  'Email/queryChanges': Entry<QueryChangesArgs<EmailFilter, EmailComparator> & { collapseThreads?: boolean }, QueryChangesResponse, Mail>;
  'Email/set': Entry<SetArgs<Email, EmailCreate>, SetResponse<Email>, Mail>;
  'Email/copy': Entry<CopyArgs<Pick<Email, 'mailboxIds' | 'keywords' | 'receivedAt'>>, CopyResponse<Email>, Mail>;
  'Email/import': Entry<
    { accountId: Id; ifInState?: string | null; emails: Record<Id, EmailImport> },
    {
      accountId: Id;
      oldState?: string | null;
      /** Required by RFC 8621 §4.8, but Cyrus 3.6 leaves it (and oldState) out. */
      newState?: string;
      created: Record<Id, Partial<Email> & { id: Id }> | null;
      notCreated: Record<Id, SetError> | null;
    },
    Mail
  >;
  'Email/parse': Entry<
    { accountId: Id; blobIds: Id[]; properties?: string[] } & EmailBodyFetchOptions,
    { accountId: Id; parsed: Record<Id, Email> | null; notParsable: Id[] | null; notFound: Id[] | null },
    Mail
  >;

  /** RFC 8621 §5.1. */
  'SearchSnippet/get': Entry<
    { accountId: Id; filter?: EmailFilter | null; emailIds: Id[] },
    { accountId: Id; list: SearchSnippet[]; notFound: Id[] | null },
    Mail
  >;

  /** RFC 8621 §6.1-6.3. Cyrus answers Identity/set and Identity/changes with unknownMethod. */
  'Identity/get': Entry<GetArgs<Identity>, GetResponse<Identity>, Submission>;
  'Identity/changes': Entry<ChangesArgs, ChangesResponse, Submission>;
  'Identity/set': Entry<SetArgs<Identity, IdentityCreate>, SetResponse<Identity>, Submission>;

  /** RFC 8621 §7.1-7.5. */
  'EmailSubmission/get': Entry<GetArgs<EmailSubmission>, GetResponse<EmailSubmission>, Submission>;
  'EmailSubmission/changes': Entry<ChangesArgs, ChangesResponse, Submission>;
  'EmailSubmission/query': Entry<QueryArgs<EmailSubmissionFilter, EmailSubmissionComparator>, QueryResponse, Submission>;
  'EmailSubmission/queryChanges': Entry<
    QueryChangesArgs<EmailSubmissionFilter, EmailSubmissionComparator>,
    QueryChangesResponse,
    Submission
  >;
  'EmailSubmission/set': Entry<
    SetArgs<EmailSubmission, EmailSubmissionCreate> & EmailSubmissionSetExtra,
    SetResponse<EmailSubmission>,
    Submission
  >;

  /** RFC 8621 §8.1-8.2. Cyrus 3.6 drops the connection on VacationResponse/get. */
  'VacationResponse/get': Entry<GetArgs<VacationResponse>, GetResponse<VacationResponse>, typeof CAPABILITY.vacationResponse>;
  'VacationResponse/set': Entry<
    SetArgs<VacationResponse, Partial<VacationResponse>>,
    SetResponse<VacationResponse>,
    typeof CAPABILITY.vacationResponse
  >;

  /** RFC 9610 §3.3, §3.5: the account's contact cards (not in Cyrus 3.6). */
  'ContactCard/get': Entry<GetArgs<ContactCard>, GetResponse<ContactCard>, typeof CAPABILITY.contacts>;
  'ContactCard/query': Entry<QueryArgs<Record<string, unknown>>, QueryResponse, typeof CAPABILITY.contacts>;

  /** RFC 9404 §4.1: blobs from data inside the request (not in Cyrus 3.6). */
  'Blob/upload': Entry<
    { accountId: Id; create: Record<Id, { data: DataSourceObject[]; type?: string | null }> },
    {
      accountId: Id;
      created: Record<Id, { id: Id; type?: string | null; size: number }> | null;
      notCreated: Record<Id, SetError> | null;
    },
    typeof CAPABILITY.blob
  >;
}

export type MethodName = keyof MethodMap;
export type ArgsOf<M extends MethodName> = MethodMap[M]['args'];
export type ResponseOf<M extends MethodName> = MethodMap[M]['response'];

/** The capability each method needs; `using` is computed from these. */
export const METHOD_CAPABILITY: { [M in MethodName]: MethodMap[M]['capability'] } = {
  'Core/echo': CAPABILITY.core,
  'PushSubscription/get': CAPABILITY.core,
  'PushSubscription/set': CAPABILITY.core,
  'Mailbox/get': CAPABILITY.mail,
  'Mailbox/changes': CAPABILITY.mail,
  'Mailbox/query': CAPABILITY.mail,
  'Mailbox/queryChanges': CAPABILITY.mail,
  'Mailbox/set': CAPABILITY.mail,
  'Thread/get': CAPABILITY.mail,
  'Thread/changes': CAPABILITY.mail,
  'Email/get': CAPABILITY.mail,
  'Email/changes': CAPABILITY.mail,
  'Email/query': CAPABILITY.mail,
  'Email/queryChanges': CAPABILITY.mail,
  'Email/set': CAPABILITY.mail,
  'Email/copy': CAPABILITY.mail,
  'Email/import': CAPABILITY.mail,
  'Email/parse': CAPABILITY.mail,
  'SearchSnippet/get': CAPABILITY.mail,
  'Identity/get': CAPABILITY.submission,
  'Identity/changes': CAPABILITY.submission,
  'Identity/set': CAPABILITY.submission,
  'EmailSubmission/get': CAPABILITY.submission,
  'EmailSubmission/changes': CAPABILITY.submission,
  'EmailSubmission/query': CAPABILITY.submission,
  'EmailSubmission/queryChanges': CAPABILITY.submission,
  'EmailSubmission/set': CAPABILITY.submission,
  'VacationResponse/get': CAPABILITY.vacationResponse,
  'VacationResponse/set': CAPABILITY.vacationResponse,
  'Blob/upload': CAPABILITY.blob,
  'ContactCard/get': CAPABILITY.contacts,
  'ContactCard/query': CAPABILITY.contacts,
};

/**
 * The capabilities a call needs. EmailSubmission/set with onSuccessUpdateEmail also touches
 * Email, so it needs mail as well; core is always sent.
 */
export function capabilitiesFor(method: string): string[] {
  const own = (METHOD_CAPABILITY as Record<string, string | undefined>)[method];
  const caps: string[] = [CAPABILITY.core];
  if (own && own !== CAPABILITY.core) caps.push(own);
  if (own === CAPABILITY.submission) caps.push(CAPABILITY.mail);
  return caps;
}
