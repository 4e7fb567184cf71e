import { MethodError, SetFailure, invalidArguments } from '../errors.ts';
import { takeCounter } from '../faults.ts';
import { changesSince, parseState, stateRow, typeState } from '../data/changes.ts';
import type { DataType, Json, JsonObject, SetError } from '../wire.ts';
import type { Ctx } from './context.ts';

/** Shared argument checks and the generic halves of /get, /changes, /set, /query, /queryChanges. */

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks accountId (RFC 8620: required) and that the caller may use it. */
export function accountOf(args: JsonObject, ctx: Ctx, key = 'accountId'): string {
  const id = args[key];
  if (typeof id !== 'string') throw invalidArguments(`${key} is required and must be a string`);
  if (id !== ctx.user.accountId) throw new MethodError('accountNotFound', `No account "${id}" for user ${ctx.user.username}`);
  return id;
}

export function optInt(args: JsonObject, key: string, fallback: number, min = Number.MIN_SAFE_INTEGER): number {
  const v = args[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw invalidArguments(`${key} must be an integer${min === 0 ? ' >= 0' : ''}`);
  return v;
}

export function optBool(args: JsonObject, key: string, fallback: boolean): boolean {
  const v = args[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw invalidArguments(`${key} must be true or false`);
  return v;
}

/** Resolves "#creationId" to the id created earlier in this request; other ids pass through. */
export function resolveId(ctx: Ctx, id: string): string | null {
  if (!id.startsWith('#')) return id;
  return ctx.creationIds.get(id.slice(1)) ?? null;
}

export function idList(args: JsonObject, key: string): string[] | null {
  const v = args[key];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalidArguments(`${key} must be a list of ids`);
  return v as string[];
}

/** The generic /get: ids (null = all), properties (null = all; id always included). */
export function getFrame<T extends { id: string }>(
  args: JsonObject,
  ctx: Ctx,
  opts: { all: () => T[]; byId: (id: string) => T | undefined; properties: readonly string[]; state: string; accountId: string },
): JsonObject {
  const ids = idList(args, 'ids');
  const max = ctx.profile.limits.maxObjectsInGet;
  if (ids && ids.length > max)
    throw new MethodError('requestTooLarge', `At most ${max} ids per /get (maxObjectsInGet); ${ids.length} were asked for`);
  const props = idList(args, 'properties');
  if (props) {
    const unknown = props.filter((p) => !opts.properties.includes(p));
    if (unknown.length) throw invalidArguments(`Unknown properties: ${unknown.join(', ')}`);
  }
  const wanted = props ? new Set(['id', ...props]) : null;
  const pick = (obj: T): JsonObject => {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(obj)) if (!wanted || wanted.has(k)) out[k] = v as Json;
    return out;
  };
  const list: JsonObject[] = [];
  const notFound: string[] = [];
  if (ids === null) {
    const all = opts.all();
    if (all.length > max)
      throw new MethodError('requestTooLarge', `There are ${all.length} objects, more than maxObjectsInGet (${max}); ask for ids`);
    list.push(...all.map(pick));
  } else {
    for (const raw of new Set(ids)) {
      const id = resolveId(ctx, raw);
      const obj = id ? opts.byId(id) : undefined;
      if (obj) list.push(pick(obj));
      else notFound.push(raw);
    }
  }
  return { accountId: opts.accountId, state: opts.state, list, notFound };
}

/** Checks a client's since-state against the horizon; returns the modseq to read from. */
export function sinceModseq(ctx: Ctx, accountId: string, type: DataType, raw: unknown, argName: string): number {
  if (typeof raw !== 'string') throw invalidArguments(`${argName} is required and must be a string`);
  if (takeCounter(ctx.faults, 'cannotCalculateChangesNext')) {
    throw new MethodError('cannotCalculateChanges', 'Changes since this state cannot be calculated (forced by the test control)');
  }
  const since = parseState(raw);
  const { modseq, horizon } = stateRow(ctx.db, accountId, type);
  if (since === null || since > modseq)
    throw new MethodError('cannotCalculateChanges', `"${raw}" is not a ${type} state this server issued`);
  if (since < horizon) {
    throw new MethodError('cannotCalculateChanges', `${type} state "${raw}" is older than the kept history; fetch everything again`);
  }
  return since;
}

const COUNT_PROPERTIES = ['totalEmails', 'unreadEmails', 'totalThreads', 'unreadThreads'];

/** The generic /changes (RFC 8620 5.2), with maxChanges paging over the change log. */
export function changesFrame(args: JsonObject, ctx: Ctx, type: DataType): JsonObject {
  const accountId = accountOf(args, ctx);
  const since = sinceModseq(ctx, accountId, type, args.sinceState, 'sinceState');
  const maxChanges = args.maxChanges === undefined || args.maxChanges === null ? null : optInt(args, 'maxChanges', 0, 1);
  const rows = changesSince(ctx.db, accountId, type, since);
  const first = new Map<string, string>();
  const lastKind = new Map<string, string>();
  let newModseq = Number(typeState(ctx.db, accountId, type));
  let hasMore = false;
  let onlyCounts = true;
  for (const row of rows) {
    if (!first.has(row.id)) {
      if (maxChanges !== null && first.size >= maxChanges) {
        hasMore = true;
        break;
      }
      first.set(row.id, row.kind);
    }
    lastKind.set(row.id, row.kind);
    if (!row.countsOnly) onlyCounts = false;
    newModseq = row.modseq;
  }
  if (!hasMore) newModseq = Number(typeState(ctx.db, accountId, type));
  const created: string[] = [];
  const updated: string[] = [];
  const destroyed: string[] = [];
  for (const [id, kind] of first) {
    const end = lastKind.get(id);
    if (kind === 'created') {
      if (end !== 'destroyed') created.push(id);
    } else if (end === 'destroyed') destroyed.push(id);
    else updated.push(id);
  }
  const stuck = hasMore && ctx.profile.changesStuckWhenMore && type === 'Email';
  const out: JsonObject = {
    accountId,
    oldState: args.sinceState as string,
    newState: stuck ? (args.sinceState as string) : String(newModseq),
    hasMoreChanges: hasMore,
    created,
    updated,
    destroyed,
  };
  if (type === 'Mailbox')
    out.updatedProperties = onlyCounts && rows.length > 0 && created.length === 0 && destroyed.length === 0 ? COUNT_PROPERTIES : null;
  return out;
}

export interface SetHandlers {
  create?: (creationId: string, obj: JsonObject) => Promise<{ id: string; result: JsonObject }>;
  update?: (id: string, patch: JsonObject) => Promise<JsonObject | null>;
  destroy?: (id: string) => Promise<void>;
}

/**
 * The generic /set (RFC 8620 5.3): ifInState, maxObjectsInSet, then creates, updates and
 * destroys in that order, each on its own; a SetFailure becomes a notCreated/... entry.
 */
export async function setFrame(args: JsonObject, ctx: Ctx, type: DataType, accountId: string, h: SetHandlers): Promise<JsonObject> {
  const create = args.create ?? null;
  const update = args.update ?? null;
  const destroy = args.destroy ?? null;
  if (create !== null && !isObject(create)) throw invalidArguments('create must be a map of creation id to object');
  if (update !== null && !isObject(update)) throw invalidArguments('update must be a map of id to patch');
  if (destroy !== null && (!Array.isArray(destroy) || !destroy.every((x) => typeof x === 'string')))
    throw invalidArguments('destroy must be a list of ids');
  const count = Object.keys(create ?? {}).length + Object.keys(update ?? {}).length + (destroy?.length ?? 0);
  const max = ctx.profile.limits.maxObjectsInSet;
  if (count > max) throw new MethodError('requestTooLarge', `At most ${max} objects per /set (maxObjectsInSet); this one has ${count}`);
  const oldState = typeState(ctx.db, accountId, type);
  checkIfInState(args, ctx, oldState, 'ifInState');
  const created: Record<string, JsonObject> = {};
  const notCreated: Record<string, SetError> = {};
  const updated: Record<string, JsonObject | null> = {};
  const notUpdated: Record<string, SetError> = {};
  const destroyed: string[] = [];
  const notDestroyed: Record<string, SetError> = {};
  const fail = (e: unknown): SetError => {
    if (e instanceof SetFailure) return e.error;
    if (e instanceof MethodError) throw e;
    throw e;
  };
  for (const [cid, obj] of Object.entries(create ?? {})) {
    if (!h.create) {
      notCreated[cid] = { type: 'forbidden', description: `${type} objects cannot be created here` };
      continue;
    }
    if (!isObject(obj)) {
      notCreated[cid] = { type: 'invalidProperties', description: 'The object to create must be a JSON object' };
      continue;
    }
    try {
      const { id, result } = await h.create(cid, obj);
      ctx.creationIds.set(cid, id);
      created[cid] = { id, ...result };
    } catch (e) {
      notCreated[cid] = fail(e);
    }
  }
  for (const [rawId, patch] of Object.entries(update ?? {})) {
    const id = resolveId(ctx, rawId);
    if (!h.update) {
      notUpdated[rawId] = { type: 'forbidden', description: `${type} objects cannot be updated here` };
      continue;
    }
    if (!id) {
      notUpdated[rawId] = { type: 'notFound', description: `No object was created as ${rawId} in this request` };
      continue;
    }
    if (!isObject(patch)) {
      notUpdated[rawId] = { type: 'invalidPatch', description: 'The patch must be a JSON object' };
      continue;
    }
    try {
      updated[id] = await h.update(id, patch);
    } catch (e) {
      notUpdated[rawId] = fail(e);
    }
  }
  for (const rawId of (destroy ?? []) as string[]) {
    const id = resolveId(ctx, rawId);
    if (!h.destroy) {
      notDestroyed[rawId] = { type: 'forbidden', description: `${type} objects cannot be destroyed here` };
      continue;
    }
    if (!id) {
      notDestroyed[rawId] = { type: 'notFound', description: `No object was created as ${rawId} in this request` };
      continue;
    }
    try {
      await h.destroy(id);
      destroyed.push(id);
    } catch (e) {
      notDestroyed[rawId] = fail(e);
    }
  }
  const orNull = <V>(m: Record<string, V>): Record<string, V> | null => (Object.keys(m).length ? m : null);
  return {
    accountId,
    oldState,
    newState: typeState(ctx.db, accountId, type),
    created: orNull(created),
    updated: orNull(updated) as Json,
    destroyed: destroyed.length ? destroyed : null,
    notCreated: orNull(notCreated) as Json,
    notUpdated: orNull(notUpdated) as Json,
    notDestroyed: orNull(notDestroyed) as Json,
  };
}

/** ifInState (RFC 8620 5.3), and the test switch that forces stateMismatch on the next /set. */
export function checkIfInState(args: JsonObject, ctx: Ctx, current: string, key: string): void {
  if (takeCounter(ctx.faults, 'stateMismatchNext')) {
    throw new MethodError('stateMismatch', 'The state changed before this call (forced by the test control)');
  }
  const want = args[key];
  if (want === undefined || want === null) return;
  if (typeof want !== 'string') throw invalidArguments(`${key} must be a state string`);
  if (want !== current) throw new MethodError('stateMismatch', `${key} is "${want}" but the current state is "${current}"`);
}

/** Applies RFC 8620 5.3 patch paths ("a/b": v) to a shallow object; only the prefixes allowed. */
export function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
