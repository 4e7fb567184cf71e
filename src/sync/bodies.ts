/**
 * Bodies for offline reading, newest first, until the storage budget is used: with the
 * person's offline scope (options.scope, the app's case) every folder but those left out,
 * received in the chosen days (or all mail); without it, the mailboxes with the offline
 * roles in the offline window (the engine's defaults: Inbox and Sent, 30 days). Bodies of
 * mail the scope no longer covers (a folder left out, fewer days) are dropped first, in
 * the same pass, so a narrower choice frees its space within one cycle.
 *
 * Bodies never change in JMAP (only keywords and mailboxes do), so a stored body is never
 * refetched; destroyed mail loses its body in the same transaction that removes it (see
 * SyncCache).
 */
import type { SyncProgress } from './cache.ts';
import { MethodError } from '../jmap/index.ts';
import { checkStopped, type StepContext } from './context.ts';
import { bodyScope } from './scope.ts';
import { EMAIL_BODY_PROPERTIES, MAX_BODY_VALUE_BYTES } from './properties.ts';
import { makeRoom } from './pressure.ts';
import { toBodyRecord } from './records.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One body pass. `memo` is the engine's: a pass that ended records the mirror's Email state
 * and the scope it covered, and the next pass with both unchanged does nothing (with all
 * mail in scope, a pass reads the whole mirror: not for a poll that found nothing).
 */
export async function syncBodies(
  ctx: StepContext,
  memo: { settled: string | null; choice: string | null } = { settled: null, choice: null },
  /** Run between chunks (the engine's delta when a sync was asked meanwhile): a pass over a whole mailbox takes minutes. */
  between?: () => Promise<void>,
): Promise<void> {
  const { accountId, cache } = ctx;
  const scope = await bodyScope(ctx);
  // The window's start counts by the day: it slides, one pass a day follows it.
  const settles = JSON.stringify([
    (await cache.getStates(accountId)).Email ?? null,
    { ...scope, sinceMs: Math.floor(scope.sinceMs / DAY_MS) },
  ]);
  if (memo.settled === settles) return;
  const options = { ...ctx.options, bodyBudgetBytes: scope.budgetBytes };
  const inWindow = await cache.emailsInWindow(accountId, scope.mailboxIds, scope.sinceMs);
  // Text outside the choice goes when the choice changed since the last pass (the person
  // said so), or when the room is short; otherwise a message opened online outside it
  // (kept by the host) stays readable offline.
  const changed = memo.choice !== null && memo.choice !== scope.choice;
  if (scope.narrowed && (changed || (await cache.bodyBytes(accountId)) > scope.budgetBytes)) {
    // Every email is in some folder, so all folders since ever, minus those in scope, is
    // what is outside.
    const inScope = new Set(inWindow.map((e) => e.id));
    const all = await cache.emailsInWindow(
      accountId,
      (await cache.getMailboxes(accountId)).map((m) => m.id),
      -Infinity,
    );
    const outside = all.filter((e) => e.hasBody && !inScope.has(e.id)).map((e) => e.id);
    for (let i = 0; i < outside.length; i += 500) {
      checkStopped(ctx);
      await cache.apply(accountId, { bodies: { remove: outside.slice(i, i + 500) } });
    }
  }
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
    await between?.();
  }
  // Over budget (the window grew, the budget shrank, text took the attachments' room):
  // pressure.ts's order, outside the choice first, then attachments, then the oldest text.
  if (bytes + (await cache.blobBytes(accountId)) > options.bodyBudgetBytes) {
    await makeRoom(ctx, options.bodyBudgetBytes);
    bytes = await cache.bodyBytes(accountId);
  }
  await write('done');
  memo.settled = settles;
  memo.choice = scope.choice;
}
