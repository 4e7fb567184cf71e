/**
 * Delta sync: ONE request per round that chains, for each type with a stored state,
 * `/changes` -> `/get` of `#created` -> `/get` of `#updated` (result references), plus an
 * Email/queryChanges per cached query (or a fresh Email/query for a query the server
 * cannot calculate changes for). Each round is written in one transaction together with
 * the new states, so a state never runs ahead of its data. Rounds repeat, for the types
 * that reported hasMoreChanges only, until every type is done.
 *
 * A `lean` delta (nothing says what changed: a poll, a reload, a focus) asks only the
 * `/changes` in its first round, and fetches what they name in a second request of the
 * same round (written with it in one transaction). Most polls find nothing: that request
 * is then the only one, and half the size of a chained one (issue 11: an unchanged reload
 * costs one request under 1 KB each way). After a push, which says something did change,
 * the first round is chained as the others.
 *
 * maxChanges is capped at maxObjectsInGet, so created + updated always fit one /get and
 * the request never has to be split.
 */
import {
  MethodError,
  isUnsupported,
  type CallHandle,
  type ChangesResponse,
  type Email,
  type GetResponse,
  type Mailbox,
  type QueryChangesResponse,
  type QueryResponse,
  type Thread,
} from '../jmap/index.ts';
import type { CachePatch, CachedQuery, DataType, EmailRecord, MailboxRecord, QueryUpdate, ThreadRecord } from './cache.ts';
import { judgeChanges, stateIsUseless } from './changes.ts';
import { checkStopped, type StepContext } from './context.ts';
import { EMAIL_METADATA_PROPERTIES, EMAIL_MUTABLE_PROPERTIES } from './properties.ts';
import { toEmailChange, toEmailRecord, toMailboxRecord, toThreadRecord } from './records.ts';

export interface DeltaOutcome {
  /** Types whose state the server cannot move on from: refetch them. */
  refetchTypes: Set<DataType>;
  /** Cached queries whose changes cannot be calculated: query them again. */
  refetchQueries: CachedQuery[];
  /** HTTP requests this delta took (one per round when nothing had to be split). */
  rounds: number;
  /**
   * Requests beyond the rounds: a lean first round's fetch of what its changes named, and
   * emails updated that the mirror did not hold.
   */
  extraRequests: number;
  /** Whether anything at all changed. */
  changed: boolean;
}

interface TypeCalls {
  type: DataType;
  since: string;
  changes: CallHandle<ChangesResponse>;
  /** Absent in a lean round until the second request asked for what changed. */
  created?: CallHandle<GetResponse<unknown>>;
  updated?: CallHandle<GetResponse<unknown>>;
}

const EMPTY_GET: GetResponse<unknown> = { accountId: '', state: '', list: [], notFound: [] };

type QueryCall =
  | { kind: 'changes'; query: CachedQuery; handle: CallHandle<QueryChangesResponse> }
  | { kind: 'requery'; query: CachedQuery; handle: CallHandle<QueryResponse> };

/** Page size used when a query that cannot report changes is queried again. */
const REQUERY_MIN = 50;

export function requeryLimit(query: CachedQuery): number {
  return Math.max(REQUERY_MIN, query.ids.length);
}

export async function deltaSync(ctx: StepContext, gen: number, options: { lean?: boolean } = {}): Promise<DeltaOutcome> {
  const { accountId, client } = ctx;
  const states = await ctx.cache.getStates(accountId);
  const queries = await ctx.cache.getQueries(accountId);
  const maxChanges = Math.max(1, Math.min(ctx.options.maxChanges, client.limits.maxObjectsInGet));
  const outcome: DeltaOutcome = { refetchTypes: new Set(), refetchQueries: [], rounds: 0, extraRequests: 0, changed: false };
  let types = (['Mailbox', 'Thread', 'Email'] as const).filter((t) => states[t] !== undefined);
  let withQueries = true;
  let lean = options.lean === true;

  while (types.length || withQueries) {
    checkStopped(ctx);
    if (outcome.rounds >= ctx.options.maxRounds) {
      throw new Error(`the server kept reporting more changes after ${outcome.rounds} requests`);
    }
    const b = client.batch();
    const calls: TypeCalls[] = types.map((type) => {
      const since = states[type]!;
      const changes = b.call(`${type}/changes`, { accountId, sinceState: since, maxChanges }) as CallHandle<ChangesResponse>;
      if (lean) return { type, since, changes };
      const created = b.call(`${type}/get`, { accountId, '#ids': changes.ref('/created'), ...fullProperties(type) }) as CallHandle<
        GetResponse<unknown>
      >;
      const updated = b.call(`${type}/get`, { accountId, '#ids': changes.ref('/updated'), ...mutableProperties(type) }) as CallHandle<
        GetResponse<unknown>
      >;
      return { type, since, changes, created, updated };
    });
    const queryCalls: QueryCall[] = withQueries
      ? queries.map((query): QueryCall => {
          const base = {
            accountId,
            filter: query.definition.filter,
            sort: query.definition.sort,
            collapseThreads: query.definition.collapseThreads,
            calculateTotal: true,
          };
          if (!query.canCalculateChanges) {
            return { kind: 'requery', query, handle: b.call('Email/query', { ...base, position: 0, limit: requeryLimit(query) }) };
          }
          return { kind: 'changes', query, handle: b.call('Email/queryChanges', { ...base, sinceQueryState: query.queryState }) };
        })
      : [];
    if (!calls.length && !queryCalls.length) break;
    outcome.rounds++;
    await b.send({ signal: ctx.signal });
    if (lean && (await fetchWhatChanged(ctx, calls))) outcome.extraRequests++;
    lean = false;

    const patch: CachePatch = { states: {} };
    const next: DataType[] = [];
    for (const c of calls) {
      const changesError = c.changes.error;
      if (changesError) {
        if (changesError instanceof MethodError && stateIsUseless(changesError.type, changesError.details)) {
          outcome.refetchTypes.add(c.type);
          continue;
        }
        throw changesError;
      }
      const response = c.changes.result;
      const verdict = judgeChanges(c.since, { response });
      if (verdict.kind === 'refetch') {
        outcome.refetchTypes.add(c.type);
        continue;
      }
      const created = c.created?.result ?? EMPTY_GET;
      const updated = c.updated?.result ?? EMPTY_GET;
      // Reported changed but gone by the time of the /get: destroyed in between.
      const gone = [...response.destroyed, ...(created.notFound ?? []), ...(updated.notFound ?? [])];
      if (created.list.length || updated.list.length || gone.length) outcome.changed = true;
      addToPatch(ctx, patch, c.type, created.list, updated.list, gone, gen);
      patch.states![c.type] = verdict.newState;
      states[c.type] = verdict.newState;
      if (verdict.kind === 'more') next.push(c.type);
    }
    // Seen on Cyrus 3.6: after `cyr_expire` purged expunged mail, Email/changes answers
    // cannotCalculateChanges but Email/queryChanges from the same old state answers
    // "nothing removed" — the purged records are simply gone. Query changes ride on the
    // same history as Email changes, so when that history is lost, every cached query is
    // queried again instead of trusting its splice.
    const emailHistoryLost = outcome.refetchTypes.has('Email') || outcome.refetchTypes.has('Thread');
    const updates: QueryUpdate[] = [];
    for (const qc of queryCalls) {
      if (emailHistoryLost) {
        outcome.refetchQueries.push(qc.query);
        continue;
      }
      const error = qc.handle.error;
      if (error) {
        if (error instanceof MethodError && (stateIsUseless(error.type, error.details) || isUnsupported(error))) {
          outcome.refetchQueries.push(qc.query);
          continue;
        }
        throw error;
      }
      if (qc.kind === 'requery') {
        const r = qc.handle.result;
        if (!sameIds(r.ids, qc.query.ids)) outcome.changed = true;
        updates.push({
          kind: 'replace',
          key: qc.query.key,
          definition: qc.query.definition,
          ids: r.ids,
          queryState: r.queryState,
          canCalculateChanges: r.canCalculateChanges,
          total: r.total ?? null,
        });
      } else {
        const r = qc.handle.result;
        if (r.removed.length || r.added.length) outcome.changed = true;
        updates.push({
          kind: 'splice',
          key: qc.query.key,
          removed: r.removed,
          added: r.added,
          queryState: r.newQueryState,
          total: r.total ?? null,
        });
      }
    }
    if (updates.length) patch.queries = updates;
    const applied = await ctx.cache.apply(accountId, patch);
    // An update for an email the mirror lacks (only possible while the first listing has
    // not reached it, or if the mirror lost it): fetch it whole.
    if (applied.missingEmails.length) {
      outcome.extraRequests++;
      await fetchEmailsWhole(ctx, applied.missingEmails, gen);
    }
    types = next;
    withQueries = false;
  }
  return outcome;
}

const fullProperties = (type: DataType) => (type === 'Email' ? { properties: [...EMAIL_METADATA_PROPERTIES] } : {});
// An updated email can only have new keywords or mailboxes: ask for nothing else.
const mutableProperties = (type: DataType) => (type === 'Email' ? { properties: [...EMAIL_MUTABLE_PROPERTIES] } : {});

/**
 * A lean round's second request: the /get of what each type's /changes named (explicit
 * ids, the same properties as a chained round). Types whose /changes failed, or named
 * nothing, ask nothing. Returns whether a request was sent.
 */
async function fetchWhatChanged(ctx: StepContext, calls: TypeCalls[]): Promise<boolean> {
  const { accountId } = ctx;
  const b = ctx.client.batch();
  let asked = false;
  for (const c of calls) {
    if (c.changes.error) continue;
    const { created, updated } = c.changes.result;
    if (created.length) {
      c.created = b.call(`${c.type}/get`, { accountId, ids: created, ...fullProperties(c.type) }) as CallHandle<GetResponse<unknown>>;
      asked = true;
    }
    if (updated.length) {
      c.updated = b.call(`${c.type}/get`, { accountId, ids: updated, ...mutableProperties(c.type) }) as CallHandle<GetResponse<unknown>>;
      asked = true;
    }
  }
  if (asked) await b.send({ signal: ctx.signal });
  return asked;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function addToPatch(
  ctx: StepContext,
  patch: CachePatch,
  type: DataType,
  created: unknown[],
  updated: unknown[],
  gone: string[],
  gen: number,
): void {
  const { accountId } = ctx;
  const remove = [...new Set(gone)];
  const list = [...created, ...updated];
  if (type === 'Mailbox') {
    const put: MailboxRecord[] = (list as Mailbox[]).map((m) => toMailboxRecord(accountId, m));
    patch.mailboxes = { put, remove };
  } else if (type === 'Thread') {
    const put: ThreadRecord[] = (list as Thread[]).map((t) => toThreadRecord(accountId, t, gen));
    patch.threads = { put, remove };
  } else {
    const put: EmailRecord[] = (created as Email[]).map((e) => toEmailRecord(accountId, e, gen));
    patch.emails = { put, update: (updated as Email[]).map((e) => toEmailChange(e, gen)), remove };
  }
}

/** Email/get (all metadata) + Thread/get of their threads, written in one transaction. */
export async function fetchEmailsWhole(ctx: StepContext, ids: string[], gen: number): Promise<void> {
  const { accountId } = ctx;
  const b = ctx.client.batch();
  const emails = b.call('Email/get', { accountId, ids, properties: [...EMAIL_METADATA_PROPERTIES] });
  const threads = b.call('Thread/get', { accountId, '#ids': emails.ref('/list/*/threadId') });
  await b.send({ signal: ctx.signal });
  await ctx.cache.apply(accountId, {
    emails: { put: emails.result.list.map((e) => toEmailRecord(accountId, e, gen)), remove: emails.result.notFound ?? [] },
    threads: { put: threads.result.list.map((t) => toThreadRecord(accountId, t, gen)) },
  });
}
