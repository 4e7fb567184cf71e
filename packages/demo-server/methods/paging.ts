import { MethodError, invalidArguments } from '../errors.ts';
import { changesSince, typeState } from '../data/changes.ts';
import type { DataType, JsonObject } from '../wire.ts';
import { optBool, optInt, sinceModseq } from './common.ts';
import type { Ctx } from './context.ts';

/**
 * The windowing half of /query (RFC 8620 5.5) and the generic /queryChanges (5.6).
 * A query's state is its type's state: results change only when objects of that type do.
 */
export function pageQuery(
  args: JsonObject,
  ctx: Ctx,
  accountId: string,
  type: DataType,
  ids: string[],
  opts: { canCalculateChanges: boolean; calculateTotal: boolean },
): JsonObject {
  let position = optInt(args, 'position', 0);
  const anchor = args.anchor ?? null;
  const anchorOffset = optInt(args, 'anchorOffset', 0);
  let limit = args.limit === undefined || args.limit === null ? null : optInt(args, 'limit', 0, 0);
  const max = ctx.profile.maxQueryLimit;
  let capped = false;
  if (limit === null || limit > max) {
    capped = limit !== null;
    limit = max;
  }
  if (anchor !== null) {
    if (typeof anchor !== 'string') throw invalidArguments('anchor must be an id');
    const idx = ids.indexOf(anchor);
    if (idx < 0) throw new MethodError('anchorNotFound', `The anchor ${anchor} is not in the results`);
    position = Math.max(0, idx + anchorOffset);
  } else if (position < 0) {
    position = Math.max(0, ids.length + position);
  }
  const out: JsonObject = {
    accountId,
    queryState: typeState(ctx.db, accountId, type),
    canCalculateChanges: opts.canCalculateChanges,
    position,
    ids: ids.slice(position, position + limit),
  };
  if (opts.calculateTotal && optBool(args, 'calculateTotal', false)) out.total = ids.length;
  // RFC 8620 5.5: say which limit was used when the server's own cut the results short.
  if (capped || ids.length - position > limit) out.limit = limit;
  return out;
}

/**
 * /queryChanges over the change log: every object changed since the old state is
 * reported removed, and those now in the results are reported added at their index.
 * Unchanged objects keep their relative order, so removing then inserting rebuilds the
 * new results exactly. `expand` adds ids whose position may have moved because of a
 * change to another object (collapseThreads: the whole thread).
 */
export function queryChangesFrame(
  args: JsonObject,
  ctx: Ctx,
  accountId: string,
  type: DataType,
  ids: string[],
  expand?: (threadIds: Set<string>) => string[],
): JsonObject {
  const since = sinceModseq(ctx, accountId, type, args.sinceQueryState, 'sinceQueryState');
  const maxChanges = args.maxChanges === undefined || args.maxChanges === null ? null : optInt(args, 'maxChanges', 0, 1);
  const rows = changesSince(ctx.db, accountId, type, since);
  const changed = new Set(rows.map((r) => r.id));
  if (expand) {
    const threads = new Set(rows.map((r) => r.threadId).filter((t): t is string => !!t));
    for (const id of expand(threads)) changed.add(id);
  }
  const added: JsonObject[] = [];
  ids.forEach((id, index) => {
    if (changed.has(id)) added.push({ id, index });
  });
  const removed = [...changed];
  if (maxChanges !== null && removed.length + added.length > maxChanges) {
    throw new MethodError('tooManyChanges', `${removed.length + added.length} changes, more than maxChanges (${maxChanges})`);
  }
  const out: JsonObject = {
    accountId,
    oldQueryState: args.sinceQueryState as string,
    newQueryState: typeState(ctx.db, accountId, type),
    removed,
    added,
  };
  if (optBool(args, 'calculateTotal', false)) out.total = ids.length;
  return out;
}
