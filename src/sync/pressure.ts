/**
 * Making room when storage runs short (a QuotaExceededError on a write, or text and
 * attachments over the budget), in this order, each step only while still over:
 * 1. everything outside the offline choice (text of mail it does not cover, attachments
 *    it does not cover: kept only because they were opened online);
 * 2. attachments, the ones stored longest ago first;
 * 3. message text, the oldest mail first.
 * Never metadata, the outbox, drafts or outgoing files: this goes through SyncCache,
 * whose eviction reaches only the bodies and blobs tables. The search index follows by
 * itself: src/store's indexer takes the body words of evicted text out of the index.
 * What was removed is recorded in the progress row (`pressure`), for words.
 */
import type { Id } from '../jmap/wire/core.ts';
import { attachmentScope, attachmentsInScope } from './attachments.ts';
import { bodyScope } from './scope.ts';
import type { StepContext } from './context.ts';

export interface Freed {
  outside: number;
  attachments: number;
  bodies: number;
}

async function bodiesKept(ctx: StepContext): Promise<Set<Id>> {
  const { cache, accountId } = ctx;
  const all = await cache.emailsInWindow(
    accountId,
    (await cache.getMailboxes(accountId)).map((m) => m.id),
    -Infinity,
  );
  return new Set(all.filter((e) => e.hasBody).map((e) => e.id));
}

const used = async (ctx: StepContext) => (await ctx.cache.bodyBytes(ctx.accountId)) + (await ctx.cache.blobBytes(ctx.accountId));

/** Frees storage until text and attachments take at most `targetBytes`; says what went. */
export async function makeRoom(ctx: StepContext, targetBytes: number): Promise<Freed> {
  const { cache, accountId } = ctx;
  const freed: Freed = { outside: 0, attachments: 0, bodies: 0 };
  if ((await used(ctx)) <= targetBytes) return freed;

  // 1. Outside the choice, all of it.
  const text = await bodyScope(ctx);
  const inScope = new Set((await cache.emailsInWindow(accountId, text.mailboxIds, text.sinceMs)).map((e) => e.id));
  const before = await bodiesKept(ctx);
  const outsideBodies = [...before].filter((id) => !inScope.has(id));
  for (let i = 0; i < outsideBodies.length; i += 500) {
    await cache.apply(accountId, { bodies: { remove: outsideBodies.slice(i, i + 500) } });
  }
  freed.outside += outsideBodies.length;
  const wanted = new Set((await attachmentsInScope(ctx, await attachmentScope(ctx))).map((a) => a.blobId));
  const outsideBlobs = (await cache.blobIds(accountId)).filter((id) => !wanted.has(id));
  if (outsideBlobs.length) await cache.removeBlobs(accountId, outsideBlobs);
  freed.outside += outsideBlobs.length;

  // 2. Attachments, oldest stored first.
  if ((await used(ctx)) > targetBytes) {
    const blobsBefore = (await cache.blobIds(accountId)).length;
    await cache.evictBlobs(accountId, Math.max(0, targetBytes - (await cache.bodyBytes(accountId))));
    freed.attachments = blobsBefore - (await cache.blobIds(accountId)).length;
  }

  // 3. Message text, oldest mail first.
  if ((await used(ctx)) > targetBytes) {
    const textBefore = (await bodiesKept(ctx)).size;
    await cache.evictBodies(accountId, Math.max(0, targetBytes - (await cache.blobBytes(accountId))));
    freed.bodies = textBefore - (await bodiesKept(ctx)).size;
  }

  // Said in words (Settings' "Ready for the flight"); a write that fails again says nothing more.
  const progress = await cache.getProgress(accountId);
  if (progress) await cache.apply(accountId, { progress: { ...progress, pressure: { at: ctx.now(), ...freed } } }).catch(() => undefined);
  return freed;
}
