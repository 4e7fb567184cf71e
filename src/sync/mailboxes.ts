/** Fetching every mailbox: on first sync and when Mailbox/changes cannot be calculated. */
import type { StepContext } from './context.ts';
import { toMailboxRecord } from './records.ts';

export async function refetchMailboxes(ctx: StepContext): Promise<void> {
  const b = ctx.client.batch();
  const get = b.call('Mailbox/get', { accountId: ctx.accountId, ids: null });
  await b.send({ signal: ctx.signal });
  const r = get.result;
  await ctx.cache.apply(ctx.accountId, {
    mailboxes: { put: r.list.map((m) => toMailboxRecord(ctx.accountId, m)), replaceAll: true },
    states: { Mailbox: r.state },
  });
}
