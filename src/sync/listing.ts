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

type Listing = SyncProgress['listing'];

interface Fetched {
  query: { ids: string[]; position: number; total?: number | null };
  emails: { list: Parameters<typeof toEmailRecord>[1][]; state: string };
  threads: { list: Parameters<typeof toThreadRecord>[1][]; state: string };
}

/** One chunk's request: the page of ids after the anchor, their emails and threads. */
async function fetchChunk(ctx: StepContext, listing: Pick<Listing, 'anchorId' | 'position'>): Promise<Fetched> {
  const { accountId } = ctx;
  const size = metadataChunkSize(ctx.client.limits.maxObjectsInGet, ctx.options.chunkSize);
  const attempt = async (anchorId: string | null, position: number) => {
    const b = ctx.client.batch();
    const window = anchorId !== null ? { anchor: anchorId, anchorOffset: 1 } : { position };
    const q = b.call('Email/query', { accountId, sort: RECEIVED_NEWEST_FIRST, ...window, limit: size, calculateTotal: true });
    const emails = b.call('Email/get', { accountId, '#ids': q.ref('/ids'), properties: [...EMAIL_METADATA_PROPERTIES] });
    const threads = b.call('Thread/get', { accountId, '#ids': emails.ref('/list/*/threadId') });
    await b.send({ signal: ctx.signal });
    return { q, emails, threads };
  };
  let calls = await attempt(listing.anchorId, listing.position);
  const qError = calls.q.error;
  if (qError instanceof MethodError && qError.type === 'anchorNotFound') {
    calls = await attempt(null, Math.max(0, listing.position - size));
  }
  return {
    query: calls.q.result,
    emails: calls.emails.result,
    threads: calls.threads.result,
  };
}

/** Where the listing stands once `fetched` is written. */
function after(listing: Listing, fetched: Fetched): Listing {
  const { ids } = fetched.query;
  return {
    ...listing,
    state: 'running',
    anchorId: ids.length ? ids[ids.length - 1]! : listing.anchorId,
    position: fetched.query.position + ids.length,
    total: fetched.query.total ?? listing.total,
  };
}

const isDone = (l: Listing, fetched: Fetched) => fetched.query.ids.length === 0 || (l.total !== null && l.position >= l.total);

/** Writes one fetched chunk, the listing then at `listing` (`after`). Returns true when the listing is complete. */
async function writeChunk(ctx: StepContext, progress: SyncProgress, fetched: Fetched, listing: Listing): Promise<boolean> {
  checkStopped(ctx);
  const { accountId } = ctx;
  const states = await ctx.cache.getStates(accountId);
  const needStates = states.Email === undefined || states.Thread === undefined;
  const now = ctx.now();
  await ctx.cache.apply(accountId, {
    emails: { put: fetched.emails.list.map((e) => toEmailRecord(accountId, e, progress.gen)) },
    threads: { put: fetched.threads.list.map((t) => toThreadRecord(accountId, t, progress.gen)) },
    states: needStates ? { Email: fetched.emails.state, Thread: fetched.threads.state } : undefined,
    progress: { ...progress, listing },
  });
  if (!isDone(listing, fetched)) return false;
  // Marked done only after the sweep: a crash in between sweeps again on the next start.
  await ctx.cache.sweep(accountId, progress.gen);
  const latest = (await ctx.cache.getProgress(accountId)) ?? progress;
  await ctx.cache.apply(accountId, { progress: { ...latest, listing: { ...latest.listing, state: 'done', finishedAt: now } } });
  return true;
}

/**
 * Runs chunks until the listing is complete; `between` runs after each chunk (a delta when
 * something changed; it says whether it wrote anything).
 *
 * The next chunk is asked for while this one is written (its anchor is this one's last
 * id, known once the answer is in), so the network and the database work at once: the
 * first download took about twice a bare bulkPut of the same rows when each waited for
 * the other. A prefetched answer is dropped when `between` wrote anything (it was read
 * from the server before that delta and would write older rows over newer ones), or when
 * the listing moved elsewhere meanwhile (a resync, another engine after a crash).
 */
export async function runListing(ctx: StepContext, between: () => Promise<boolean | void>): Promise<void> {
  type Ahead = { from: Pick<Listing, 'anchorId' | 'position'>; answer: Promise<Fetched | Error> };
  // Settled into a value at once: a prefetch dropped or failing is never an unhandled rejection.
  const prefetch = (from: Pick<Listing, 'anchorId' | 'position'>): Ahead => ({
    from,
    answer: fetchChunk(ctx, from).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
  });
  let ahead: Ahead | null = null;
  for (;;) {
    checkStopped(ctx);
    const progress = await ctx.cache.getProgress(ctx.accountId);
    if (!progress || progress.listing.state === 'done') return;
    const kept: Ahead | null = ahead;
    ahead = null;
    let fetched: Fetched;
    if (kept && kept.from.anchorId === progress.listing.anchorId && kept.from.position === progress.listing.position) {
      const answer = await kept.answer;
      if (answer instanceof Error) throw answer;
      fetched = answer;
    } else fetched = await fetchChunk(ctx, progress.listing);
    const next = after(progress.listing, fetched);
    if (!isDone(next, fetched)) ahead = prefetch(next);
    const done = await writeChunk(ctx, progress, fetched, next);
    if (done) return;
    if ((await between()) === true) ahead = null;
  }
}
