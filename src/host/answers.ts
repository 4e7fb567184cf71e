/**
 * How the host answers each request of requests.ts with the account's one connected
 * client. Capability-aware: nothing is asked of an account that does not list what it
 * needs (no Identity/get without submission, no VacationResponse/get without the
 * vacation capability, no ContactCard/query without contacts). A failure is answered once, as data: retrying is the page's,
 * and only when the one retry policy calls the failure transient.
 */
import {
  AuthError,
  CAPABILITY,
  MethodError,
  NetworkError,
  TimeoutError,
  delayedSendLimit,
  isUnsupported,
  type ContactCard,
  type Email,
  type EmailBodyPart,
  type JmapClient,
  type RetryPolicy,
} from '../jmap/index.ts';
import { EMAIL_BODY_PROPERTIES } from '../sync/properties.ts';
import { scheduledMail } from '../outbox/index.ts';
import { HostFailure, parseHostAsk, type HostAnswer, type HostAsk, type HostError, type HostRequests, type ReplyOf } from './requests.ts';

/**
 * What the conversation view reads of a message it opens (and a reply of the one it
 * answers): what the engine keeps of a body, so the answer is kept in the mirror too.
 */
const BODY_PROPERTIES = [...EMAIL_BODY_PROPERTIES];
/** What an attached message shows: its headers and parts (Email/parse). */
const PARSE_PROPERTIES = ['from', 'to', 'cc', 'subject', 'sentAt', 'textBody', 'htmlBody', 'attachments', 'bodyValues'];
const SEARCH_PROPERTIES = ['threadId', 'subject', 'from', 'receivedAt', 'keywords'];
/** Contact cards read for address suggestions: an address book larger than this gives its first ones. */
const CONTACT_CARDS_MAX = 500;

/** A card's addresses with its name (RFC 9553: `full`, else the name components joined), most preferred first. */
function cardAddresses(card: ContactCard): { name: string | null; email: string }[] {
  const name =
    card.name?.full?.trim() ||
    (card.name?.components ?? [])
      .map((c) => c.value)
      .join(' ')
      .trim() ||
    null;
  return Object.values(card.emails ?? {})
    .filter((e) => typeof e?.address === 'string' && e.address.includes('@'))
    .sort((a, b) => (a.pref ?? 101) - (b.pref ?? 101))
    .map((e) => ({ name, email: e.address.trim() }));
}

/** Keeps a body a page fetched (the host writes it into the mirror, within the body budget). */
export type KeepBody = (accountId: string, email: Email) => Promise<void>;

/** What only the host itself can do for a request (its engine). */
export interface HostHooks {
  keep: KeepBody;
  /** Runs the engine's "download everything now"; false when no engine runs here. */
  downloadScope: (accountId: string) => Promise<boolean>;
}

type Handlers = {
  [K in keyof HostRequests]: (client: JmapClient, ask: Extract<HostAsk, { kind: K }>, hooks: HostHooks) => Promise<ReplyOf<K>>;
};

const handlers: Handlers = {
  session: async (client, { accountId }) => {
    await Promise.resolve();
    const account = client.session.accounts[accountId];
    if (!account) throw new HostFailure('notFound', 'The mail server no longer lists this account. Sign in again.');
    return {
      accountId,
      username: client.username,
      capabilities: Object.keys(account.accountCapabilities ?? {}),
      maxSizeUpload: client.limits.maxSizeUpload,
      applicationServerKey: client.applicationServerKey ?? null,
      maxDelayedSend: delayedSendLimit(client.accountCapability(CAPABILITY.submission, accountId)),
    };
  },
  body: async (client, { accountId, request }, { keep }) => {
    const { list } = await client.call('Email/get', {
      accountId,
      ids: [request.emailId],
      properties: BODY_PROPERTIES,
      fetchTextBodyValues: true,
      fetchHTMLBodyValues: true,
      maxBodyValueBytes: request.maxBodyValueBytes,
    });
    const email = list[0];
    if (!email) throw new HostFailure('notFound', 'This message is no longer on the server.');
    // Opened online, readable offline: a failure to keep it is no failure to show it.
    await keep(accountId, email).catch(() => undefined);
    return {
      textBody: (email.textBody ?? []) as EmailBodyPart[],
      htmlBody: (email.htmlBody ?? []) as EmailBodyPart[],
      attachments: (email.attachments ?? []) as EmailBodyPart[],
      bodyValues: email.bodyValues ?? {},
      replyTo: email.replyTo ?? null,
      references: email.references ?? null,
      bcc: email.bcc ?? null,
      inReplyTo: email.inReplyTo ?? null,
      headers: email.headers ?? [],
    };
  },
  parse: async (client, { accountId, request }) => {
    const res = await client.call('Email/parse', {
      accountId,
      blobIds: [request.blobId],
      properties: PARSE_PROPERTIES,
      fetchTextBodyValues: true,
      fetchHTMLBodyValues: true,
      maxBodyValueBytes: request.maxBodyValueBytes,
    });
    const email = res.parsed?.[request.blobId];
    if (res.notFound?.includes(request.blobId)) throw new HostFailure('notFound', 'This attached message is no longer on the server.');
    if (!email) throw new HostFailure('serverError', 'The mail server could not read this attached message.');
    return {
      from: email.from ?? null,
      to: email.to ?? null,
      cc: email.cc ?? null,
      subject: email.subject ?? null,
      sentAt: email.sentAt ?? null,
      textBody: (email.textBody ?? []) as EmailBodyPart[],
      htmlBody: (email.htmlBody ?? []) as EmailBodyPart[],
      attachments: (email.attachments ?? []) as EmailBodyPart[],
      bodyValues: email.bodyValues ?? {},
    };
  },
  blob: async (client, { accountId, request }) => {
    const blob = await client.download(request.blobId, { type: request.type, accountId });
    return { bytes: await blob.arrayBuffer(), type: blob.type || request.type };
  },
  search: async (client, { accountId, request }) => {
    const batch = client.batch();
    const q = batch.call('Email/query', {
      accountId,
      filter: request.filter,
      sort: [{ property: 'receivedAt', isAscending: false }],
      collapseThreads: true,
      limit: request.limit,
    });
    const got = batch.call('Email/get', { accountId, '#ids': q.ref('/ids'), properties: SEARCH_PROPERTIES });
    const snippets = request.snippets
      ? batch.call('SearchSnippet/get', { accountId, filter: request.filter, '#emailIds': q.ref('/ids') })
      : null;
    await batch.send();
    // Snippets are a nicety: a server that refuses them still answers the search.
    const list = snippets && !snippets.error ? snippets.result.list : null;
    return {
      emails: got.result.list,
      snippets: list ? Object.fromEntries(list.map((s) => [s.emailId, s.preview ?? s.subject ?? ''])) : null,
    };
  },
  identities: async (client, { accountId }) => {
    if (client.accountCapability(CAPABILITY.submission, accountId) === undefined) return { identities: null };
    return { identities: (await client.call('Identity/get', { accountId, ids: null })).list };
  },
  contacts: async (client, { accountId }) => {
    if (client.accountCapability(CAPABILITY.contacts, accountId) === undefined) return { contacts: null };
    const batch = client.batch();
    const q = batch.call('ContactCard/query', { accountId, limit: CONTACT_CARDS_MAX });
    const got = batch.call('ContactCard/get', { accountId, '#ids': q.ref('/ids'), properties: ['name', 'emails'] });
    await batch.send();
    return { contacts: got.result.list.flatMap(cardAddresses) };
  },
  scheduled: async (client, { accountId }) => {
    if (client.accountCapability(CAPABILITY.submission, accountId) === undefined)
      return { scheduled: null, why: 'This account cannot send mail through this server.' };
    try {
      return { scheduled: await scheduledMail(client) };
    } catch (e) {
      // A server that holds mail but cannot list submissions (James: no EmailSubmission/query).
      if (isUnsupported(e))
        return {
          scheduled: null,
          why: 'This mail server sends scheduled mail at its time but cannot list it, so it cannot be canceled here.',
        };
      throw e;
    }
  },
  vacation: async (client, { accountId }) => {
    if (client.accountCapability(CAPABILITY.vacationResponse, accountId) === undefined)
      throw new HostFailure('notSupported', 'This server has no vacation response.');
    const v = (await client.call('VacationResponse/get', { accountId, ids: ['singleton'] })).list[0];
    if (!v) throw new HostFailure('notFound', 'The server has no vacation response for this account.');
    return { vacation: v };
  },
  downloadScope: async (_client, { accountId }, { downloadScope }) => ({ started: await downloadScope(accountId) }),
};

/**
 * Checks `data` and answers it. `clientOf` gives the account's one connected client
 * (connecting at most once); it throws what connecting threw.
 */
export async function answer(
  data: unknown,
  clientOf: (accountId: string) => Promise<JmapClient>,
  retry: RetryPolicy,
  hooks: Partial<HostHooks> = {},
): Promise<HostAnswer> {
  const all: HostHooks = { keep: () => Promise.resolve(), downloadScope: () => Promise.resolve(false), ...hooks };
  const ask = parseHostAsk(data);
  if ('problem' in ask) return { ok: false, error: { kind: 'badRequest', message: ask.problem, transient: false } };
  let client: JmapClient | null = null;
  try {
    client = await clientOf(ask.accountId);
    const handle = handlers[ask.kind] as (client: JmapClient, ask: HostAsk, hooks: HostHooks) => Promise<ReplyOf<typeof ask.kind>>;
    return { ok: true, reply: await handle(client, ask, all) };
  } catch (error) {
    // The call said the session is stale (an unknown account or capability): refetch it
    // once now, so the page's next ask finds it current (src/jmap does so itself after a
    // 404 and when a response's sessionState changes).
    if (client && retry.decide(error, 0, 'uiFetch').action === 'refetchSession') void client.refreshSession().catch(() => undefined);
    return { ok: false, error: hostError(error, retry) };
  }
}

/** Any failure as data: its kind, its words, and whether asking again may help. */
export function hostError(error: unknown, retry: RetryPolicy): HostError {
  const message = error instanceof Error && error.message ? error.message : 'The mail host failed for an unknown reason.';
  if (error instanceof HostFailure) return { kind: error.kind, message, transient: false };
  const decision = retry.decide(error, 0, 'uiFetch');
  const transient = 'delayMs' in decision;
  const retryAfterMs = decision.action === 'retry' && decision.serverSaid ? decision.delayMs : undefined;
  const kind =
    error instanceof AuthError
      ? 'signInNeeded'
      : error instanceof NetworkError || error instanceof TimeoutError
        ? 'offline'
        : isUnsupported(error) || (error instanceof MethodError && error.type === 'accountNotSupportedByMethod')
          ? 'notSupported'
          : 'serverError';
  return { kind, message, transient, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}
