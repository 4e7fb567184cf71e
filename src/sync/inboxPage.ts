/**
 * The first thing a new account sees: its Inbox's newest page of threads, in ONE request
 * (Email/query with collapseThreads -> Email/get -> Thread/get -> Email/get of the whole
 * threads, chained by result references). It also stores the Email and Thread states the
 * rest of the first sync and every later delta start from, and starts the metadata
 * listing (generation 1).
 *
 * JMAP gives no way to name "the Inbox" inside a filter, so the Inbox's id must be known
 * first: from the mirror's mailboxes (fetched by the request before this one on a brand
 * new account). Without an Inbox the page is the account's newest threads.
 */
import type { Email } from '../jmap/index.ts';
import type { MailboxRecord, QueryDefinition } from './cache.ts';
import type { StepContext } from './context.ts';
import { freshProgress } from './progress.ts';
import { EMAIL_METADATA_PROPERTIES, RECEIVED_NEWEST_FIRST } from './properties.ts';
import { queryKey } from './queryKey.ts';
import { toEmailRecord, toThreadRecord } from './records.ts';

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
  const properties = [...EMAIL_METADATA_PROPERTIES];
  const emails = b.call('Email/get', { accountId, '#ids': q.ref('/ids'), properties });
  const threads = b.call('Thread/get', { accountId, '#ids': emails.ref('/list/*/threadId') });
  const rest = b.call('Email/get', { accountId, '#ids': threads.ref('/list/*/emailIds'), properties });
  await b.send({ signal: ctx.signal });

  const query = q.result;
  const first = emails.result;
  const list: Email[] = [...first.list];
  // The rest of the threads is a bonus: a server refusing it (too many ids in one huge
  // thread) costs nothing, the listing fetches those emails anyway.
  if (!rest.error) list.push(...rest.result.list);
  const seen = new Set<string>();
  const records = list.filter((e) => !seen.has(e.id) && seen.add(e.id)).map((e) => toEmailRecord(accountId, e, gen));
  await ctx.cache.apply(accountId, {
    emails: { put: records },
    threads: { put: threads.result.list.map((t) => toThreadRecord(accountId, t, gen)) },
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
    // The earliest states of the data written: later changes are replayed from them.
    states: { Email: first.state, Thread: threads.result.state },
    progress: freshProgress(accountId, gen, ctx.now(), ctx.options.bodyBudgetBytes),
  });
}
