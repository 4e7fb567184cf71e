/**
 * Cached Email queries: fetching one for the first time, fetching more of it, and
 * querying it again when its changes cannot be calculated.
 */
import { MethodError } from '../jmap/index.ts';
import type { CachedQuery, QueryDefinition } from './cache.ts';
import type { StepContext } from './context.ts';
import { requeryLimit } from './delta.ts';
import { queryKey } from './queryKey.ts';

/** Method errors meaning the server will never run this query. */
const CANNOT_RUN = new Set(['unknownMethod', 'unsupportedFilter', 'unsupportedSort']);

/**
 * Makes sure the cache holds at least `minLength` results of the query (fewer if the
 * query has fewer). Appends the next page when the query has not changed since it was
 * cached (same queryState), otherwise replaces it with a fresh prefix.
 */
export async function extendQuery(ctx: StepContext, definition: QueryDefinition, minLength: number): Promise<void> {
  const { accountId } = ctx;
  const key = queryKey(definition);
  const cached = (await ctx.cache.getQueries(accountId)).find((q) => q.key === key);
  const have = cached?.ids.length ?? 0;
  if (cached && (have >= minLength || (cached.total !== null && have >= cached.total))) return;
  const b = ctx.client.batch();
  const q = b.call('Email/query', {
    accountId,
    filter: definition.filter,
    sort: definition.sort,
    collapseThreads: definition.collapseThreads,
    position: have,
    limit: minLength - have,
    calculateTotal: true,
  });
  await b.send({ signal: ctx.signal });
  const r = q.result;
  if (cached && r.queryState === cached.queryState && r.position === have) {
    await ctx.cache.apply(accountId, {
      queries: [
        {
          kind: 'replace',
          key,
          definition,
          ids: [...cached.ids, ...r.ids],
          queryState: r.queryState,
          canCalculateChanges: r.canCalculateChanges,
          total: r.total ?? null,
        },
      ],
    });
    return;
  }
  if (!cached || have === 0) {
    await ctx.cache.apply(accountId, {
      queries: [
        {
          kind: 'replace',
          key,
          definition,
          ids: r.ids,
          queryState: r.queryState,
          canCalculateChanges: r.canCalculateChanges,
          total: r.total ?? null,
        },
      ],
    });
    return;
  }
  // The results moved since they were cached: start over with a fresh prefix.
  await requery(ctx, cached, minLength);
}

/** Queries a cached query again from position 0 (as many results as it held, at least a page). */
export async function requery(ctx: StepContext, query: CachedQuery, limit = requeryLimit(query)): Promise<void> {
  const { accountId } = ctx;
  const b = ctx.client.batch();
  const q = b.call('Email/query', {
    accountId,
    filter: query.definition.filter,
    sort: query.definition.sort,
    collapseThreads: query.definition.collapseThreads,
    position: 0,
    limit,
    calculateTotal: true,
  });
  await b.send({ signal: ctx.signal });
  if (q.error instanceof MethodError && CANNOT_RUN.has(q.error.type)) {
    // A query the server cannot run at all is dropped rather than retried forever.
    await ctx.cache.apply(accountId, { queries: [{ kind: 'drop', key: query.key }] });
    return;
  }
  const r = q.result;
  await ctx.cache.apply(accountId, {
    queries: [
      {
        kind: 'replace',
        key: query.key,
        definition: query.definition,
        ids: r.ids,
        queryState: r.queryState,
        canCalculateChanges: r.canCalculateChanges,
        total: r.total ?? null,
      },
    ],
  });
}
