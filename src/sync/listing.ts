/**
 * The account's metadata in the background, newest first, one chunk per request and one
 * transaction per chunk: Email/query (all mail, receivedAt descending, from an anchor) ->
 * Email/get -> Thread/get, chained by result references.
 *
 * Resuming: each chunk's transaction also stores the listing's position and its last id.
 * The next chunk starts right after that id (anchor + anchorOffset 1), so mail arriving
 * or leaving meanwhile does not shift the pages; if that id is gone (anchorNotFound) the
 * listing backs up one chunk by position and relies on keyed writes to not duplicate.
 * Rows are keyed by id, so replaying a chunk after a crash rewrites, never duplicates.
 *
 * The same listing serves a full resync (generation gen+1): when it ends, rows an
 * earlier generation wrote and this one never saw are swept. For a resync, the first
 * chunk also stores the Email and Thread states its /get calls ran at (the old ones were
 * useless); changes after them reach the mirror through delta sync as usual.
 */
import { MethodError } from '../jmap/index.ts';
import type { SyncProgress } from './cache.ts';
import { metadataChunkSize } from './chunk.ts';
import { checkStopped, type StepContext } from './context.ts';
import { EMAIL_METADATA_PROPERTIES, RECEIVED_NEWEST_FIRST } from './properties.ts';
import { toEmailRecord, toThreadRecord } from './records.ts';

/** Fetches and writes one chunk. Returns true when the listing is complete. */
export async function listingChunk(ctx: StepContext, progress: SyncProgress): Promise<boolean> {
  checkStopped(ctx);
  const { accountId } = ctx;
  const size = metadataChunkSize(ctx.client.limits.maxObjectsInGet, ctx.options.chunkSize);
  const { listing } = progress;
  const states = await ctx.cache.getStates(accountId);
  const needStates = states.Email === undefined || states.Thread === undefined;

  const attempt = async (anchorId: string | null, position: number) => {
    const b = ctx.client.batch();
    const window = anchorId !== null ? { anchor: anchorId, anchorOffset: 1 } : { position };
    const q = b.call('Email/query', { accountId, sort: RECEIVED_NEWEST_FIRST, ...window, limit: size, calculateTotal: true });
    const emails = b.call('Email/get', { accountId, '#ids': q.ref('/ids'), properties: [...EMAIL_METADATA_PROPERTIES] });
    const threads = b.call('Thread/get', { accountId, '#ids': emails.ref('/list/*/threadId') });
    await b.send({ signal: ctx.signal });
    return { q, emails, threads };
  };

  let position = listing.position;
  let calls = await attempt(listing.anchorId, position);
  const qError = calls.q.error;
  if (qError instanceof MethodError && qError.type === 'anchorNotFound') {
    position = Math.max(0, listing.position - size);
    calls = await attempt(null, position);
  }
  const query = calls.q.result;
  const emails = calls.emails.result;
  const threads = calls.threads.result;
  const ids = query.ids;
  const now = ctx.now();
  const total = query.total ?? listing.total;
  const reached = query.position + ids.length;
  const done = ids.length === 0 || (total !== null && reached >= total);

  checkStopped(ctx);
  await ctx.cache.apply(accountId, {
    emails: { put: emails.list.map((e) => toEmailRecord(accountId, e, progress.gen)) },
    threads: { put: threads.list.map((t) => toThreadRecord(accountId, t, progress.gen)) },
    states: needStates ? { Email: emails.state, Thread: threads.state } : undefined,
    progress: {
      ...progress,
      listing: {
        ...listing,
        state: 'running',
        anchorId: ids.length ? ids[ids.length - 1]! : listing.anchorId,
        position: reached,
        total,
      },
    },
  });
  if (!done) return false;
  // Marked done only after the sweep: a crash in between sweeps again on the next start.
  await ctx.cache.sweep(accountId, progress.gen);
  const after = (await ctx.cache.getProgress(accountId)) ?? progress;
  await ctx.cache.apply(accountId, { progress: { ...after, listing: { ...after.listing, state: 'done', finishedAt: now } } });
  return true;
}

/** Runs chunks until the listing is complete; `between` runs after each chunk (delta on push). */
export async function runListing(ctx: StepContext, between: () => Promise<void>): Promise<void> {
  for (;;) {
    checkStopped(ctx);
    const progress = await ctx.cache.getProgress(ctx.accountId);
    if (!progress || progress.listing.state === 'done') return;
    const done = await listingChunk(ctx, progress);
    if (done) return;
    await between();
  }
}
