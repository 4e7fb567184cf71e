/**
 * What a brand new account sees first.
 *
 * Request 1 (the first after the session): every mailbox, plus the account's newest
 * threads (Email/query collapseThreads, no filter -> Email/get -> Thread/get -> Email/get
 * of the whole threads, chained by result references). JMAP cannot name "the Inbox"
 * inside a filter before the Inbox's id is known, so this page is account-wide — and
 * still shows a correct Inbox at once: if the page's oldest thread is from time c, every
 * Inbox thread with mail at or after c is on the page (its newest email anywhere is at
 * least that new), whole, so the Inbox rows the mirror derives from it are exactly the
 * Inbox's newest threads down to c. It also stores the Mailbox, Email and Thread states
 * everything after starts from, and starts the metadata listing (generation 1).
 *
 * Request 2: the Inbox's own newest page (Email/query inMailbox), cached as a query for
 * the UI and kept current by every delta; it fills the Inbox page when request 1 covered
 * fewer than a page of Inbox threads.
 */
import type { Email, GetResponse, Thread } from '../jmap/index.ts';
import type { CachePatch, MailboxRecord, QueryDefinition } from './cache.ts';
import type { StepContext } from './context.ts';
import { freshProgress } from './progress.ts';
import { EMAIL_METADATA_PROPERTIES, RECEIVED_NEWEST_FIRST } from './properties.ts';
import { queryKey } from './queryKey.ts';
import { toEmailRecord, toMailboxRecord, toThreadRecord } from './records.ts';
import type { CallHandle } from '../jmap/index.ts';

export function findRole(mailboxes: readonly MailboxRecord[], role: string): MailboxRecord | undefined {
  return mailboxes.find((m) => m.role === role);
}

export function inboxQuery(mailboxes: readonly MailboxRecord[]): QueryDefinition {
  const inbox = findRole(mailboxes, 'inbox');
  return {
    filter: inbox ? { inMailbox: inbox.id } : null,
    sort: RECEIVED_NEWEST_FIRST,
    collapseThreads: true,
  };
}

interface ThreadPageCalls {
  emails: CallHandle<GetResponse<Email>>;
  threads: CallHandle<GetResponse<Thread>>;
  rest: CallHandle<GetResponse<Email>>;
}

/** Adds Email/get -> Thread/get -> Email/get (whole threads) after a query's ids. */
function chainThreadPage(
  ctx: StepContext,
  b: ReturnType<StepContext['client']['batch']>,
  ids: ReturnType<CallHandle['ref']>,
): ThreadPageCalls {
  const { accountId } = ctx;
  const properties = [...EMAIL_METADATA_PROPERTIES];
  const emails = b.call('Email/get', { accountId, '#ids': ids, properties });
  const threads = b.call('Thread/get', { accountId, '#ids': emails.ref('/list/*/threadId') });
  const rest = b.call('Email/get', { accountId, '#ids': threads.ref('/list/*/emailIds'), properties });
  return { emails, threads, rest };
}

/** The page's emails (deduplicated) and threads as a patch. */
function threadPagePatch(ctx: StepContext, calls: ThreadPageCalls, gen: number): Pick<CachePatch, 'emails' | 'threads'> {
  const { accountId } = ctx;
  const list: Email[] = [...calls.emails.result.list];
  // The rest of the threads is a bonus: a server refusing it (too many ids in one huge
  // thread) costs nothing, the listing fetches those emails anyway.
  if (!calls.rest.error) list.push(...calls.rest.result.list);
  const seen = new Set<string>();
  const records = list.filter((e) => !seen.has(e.id) && seen.add(e.id)).map((e) => toEmailRecord(accountId, e, gen));
  return {
    emails: { put: records },
    threads: { put: calls.threads.result.list.map((t) => toThreadRecord(accountId, t, gen)) },
  };
}

/** Request 1 of a new account: mailboxes + the newest threads + all starting states. */
export async function fetchFirstPage(ctx: StepContext, gen: number): Promise<void> {
  const { accountId } = ctx;
  const b = ctx.client.batch();
  const mailboxes = b.call('Mailbox/get', { accountId, ids: null });
  const q = b.call('Email/query', { accountId, sort: RECEIVED_NEWEST_FIRST, collapseThreads: true, limit: ctx.options.firstPageSize });
  const calls = chainThreadPage(ctx, b, q.ref('/ids'));
  await b.send({ signal: ctx.signal });
  await ctx.cache.apply(accountId, {
    mailboxes: { put: mailboxes.result.list.map((m) => toMailboxRecord(accountId, m)), replaceAll: true },
    ...threadPagePatch(ctx, calls, gen),
    // The earliest states of the data written: later changes are replayed from them.
    states: { Mailbox: mailboxes.result.state, Email: calls.emails.result.state, Thread: calls.threads.result.state },
    progress: freshProgress(accountId, gen, ctx.now(), ctx.options.bodyBudgetBytes),
  });
}

/** Request 2 of a new account: the Inbox's newest page, cached as the Inbox query. */
export async function fetchInboxPage(ctx: StepContext, gen: number): Promise<void> {
  const { accountId } = ctx;
  const definition = inboxQuery(await ctx.cache.getMailboxes(accountId));
  const b = ctx.client.batch();
  const q = b.call('Email/query', {
    accountId,
    filter: definition.filter,
    sort: definition.sort,
    collapseThreads: true,
    limit: ctx.options.inboxPageSize,
    calculateTotal: true,
  });
  const calls = chainThreadPage(ctx, b, q.ref('/ids'));
  await b.send({ signal: ctx.signal });
  const query = q.result;
  await ctx.cache.apply(accountId, {
    ...threadPagePatch(ctx, calls, gen),
    queries: [
      {
        kind: 'replace',
        key: queryKey(definition),
        definition,
        ids: query.ids,
        queryState: query.queryState,
        canCalculateChanges: query.canCalculateChanges,
        total: query.total ?? null,
      },
    ],
  });
}
