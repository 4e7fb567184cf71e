/**
 * Bodies for offline reading: mail received in the offline window (default the last 30
 * days) in the mailboxes with the offline roles (default Inbox and Sent), newest first,
 * until the storage budget is used. Bodies never change in JMAP (only keywords and
 * mailboxes do), so a stored body is never refetched; destroyed mail loses its body in
 * the same transaction that removes it (see SyncCache).
 */
import type { SyncProgress } from './cache.ts';
import { MethodError } from '../jmap/index.ts';
import { checkStopped, type StepContext } from './context.ts';
import { findRole } from './inboxPage.ts';
import { EMAIL_BODY_PROPERTIES, MAX_BODY_VALUE_BYTES } from './properties.ts';
import { toBodyRecord } from './records.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function syncBodies(ctx: StepContext): Promise<void> {
  const { accountId, cache, options } = ctx;
  const mailboxes = await cache.getMailboxes(accountId);
  const ids = options.offlineRoles.map((role) => findRole(mailboxes, role)?.id).filter((id): id is string => !!id);
  const sinceMs = ctx.now() - options.offlineWindowDays * DAY_MS;
  const inWindow = await cache.emailsInWindow(accountId, ids, sinceMs);
  const missing = inWindow.filter((e) => !e.hasBody).map((e) => e.id);
  let bytes = await cache.bodyBytes(accountId);
  let done = inWindow.length - missing.length;

  const write = async (state: SyncProgress['bodies']['state']) => {
    const progress = await cache.getProgress(accountId);
    if (!progress) return;
    await cache.apply(accountId, {
      progress: {
        ...progress,
        bodies: {
          state,
          done,
          total: inWindow.length,
          bytes,
          budgetBytes: options.bodyBudgetBytes,
          finishedAt: state === 'done' ? ctx.now() : null,
        },
      },
    });
  };

  let size = options.bodyChunkSize;
  for (let start = 0; start < missing.length;) {
    checkStopped(ctx);
    if (bytes >= options.bodyBudgetBytes) break;
    const ids = missing.slice(start, start + size);
    const b = ctx.client.batch();
    const get = b.call('Email/get', {
      accountId,
      ids,
      properties: [...EMAIL_BODY_PROPERTIES],
      fetchTextBodyValues: true,
      fetchHTMLBodyValues: true,
      maxBodyValueBytes: MAX_BODY_VALUE_BYTES,
    });
    await b.send({ signal: ctx.signal });
    // Apache James answers requestTooLarge above 5 emails with body properties: ask for
    // fewer at a time for the rest of this pass.
    if (get.error instanceof MethodError && get.error.type === 'requestTooLarge' && size > 1) {
      size = Math.max(1, Math.floor(size / 2));
      continue;
    }
    start += ids.length;
    const now = ctx.now();
    const records = get.result.list.map((e) => toBodyRecord(accountId, e, now));
    // The cache drops bodies of emails no longer in the mirror (destroyed meanwhile).
    await cache.apply(accountId, { bodies: { put: records } });
    bytes = await cache.bodyBytes(accountId);
    done += records.length;
    await write('running');
  }
  // Over budget (the window grew, or the budget shrank): the oldest bodies go first.
  if (bytes > options.bodyBudgetBytes) bytes = await cache.evictBodies(accountId, options.bodyBudgetBytes);
  await write('done');
}
