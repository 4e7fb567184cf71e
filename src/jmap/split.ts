/**
 * Splitting one batch of method calls into HTTP requests the server accepts.
 *
 * Invariant: a call is never separated from a call it references — by result reference
 * (`#ids: { resultOf }`, RFC 8620 §3.7) or by creation id (`"#k"` naming an object created
 * earlier in the batch, RFC 8620 §5.3). Such calls form a group (connected component)
 * that travels in one request, in the original order. Groups are packed greedily in order
 * of their first call. Independent groups may end up in different requests, so a later
 * independent call can run in an earlier request than it would unsplit; requests are sent
 * one after another, never in parallel.
 */
import { isObject } from './guards.ts';

export interface PlannedCall {
  callId: string;
  method: string;
  args: Record<string, unknown>;
}

/** Creation ids an arguments object defines: keys of `create` (set/copy/Blob upload) and of `emails` (Email/import). */
export function creationIdsDefined(method: string, args: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (isObject(args.create)) out.push(...Object.keys(args.create));
  if (method === 'Email/import' && isObject(args.emails)) out.push(...Object.keys(args.emails));
  return out;
}

/** Call ids this call's top-level result references point at. */
export function resultReferencesOf(args: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (key.startsWith('#') && isObject(value) && typeof value.resultOf === 'string') out.push(value.resultOf);
  }
  return out;
}

/**
 * Every "#name" found in string values and object keys anywhere in the arguments
 * (including path segments like "mailboxIds/#k"), except top-level result references.
 */
export function hashNamesIn(args: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  const scanString = (s: string) => {
    if (!s.includes('#')) return;
    for (const seg of s.split('/')) if (seg.startsWith('#') && seg.length > 1) found.add(seg.slice(1));
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') scanString(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        scanString(k);
        walk(child);
      }
    }
  };
  for (const [key, value] of Object.entries(args)) {
    if (key.startsWith('#') && isObject(value) && typeof value.resultOf === 'string') continue;
    scanString(key);
    walk(value);
  }
  return found;
}

/** Groups of call indices that must share a request, each ascending, ordered by first index. */
export function groupCalls(calls: PlannedCall[]): number[][] {
  const parent = calls.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byCallId = new Map<string, number>();
  const creator = new Map<string, number>();
  calls.forEach((call, i) => {
    for (const ref of resultReferencesOf(call.args)) {
      const j = byCallId.get(ref);
      if (j !== undefined) union(i, j);
    }
    for (const name of hashNamesIn(call.args)) {
      const j = creator.get(name);
      if (j !== undefined) union(i, j);
    }
    byCallId.set(call.callId, i);
    for (const cid of creationIdsDefined(call.method, call.args)) creator.set(cid, i);
  });
  const groups = new Map<number, number[]>();
  calls.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}

export class UnsplittableError extends Error {
  constructor(
    readonly groupSize: number,
    readonly maxCalls: number,
  ) {
    super(`${groupSize} method calls depend on each other, more than the server's limit of ${maxCalls} calls per request`);
  }
}

export interface SplitLimits {
  maxCallsInRequest: number;
  /** Bytes of JSON per request; groups are not split for it, only packed by it. */
  maxSizeRequest?: number;
}

/** Packs the groups into requests (lists of call indices in original order). */
export function planRequests(calls: PlannedCall[], limits: SplitLimits): number[][] {
  const maxCalls = Math.max(1, limits.maxCallsInRequest);
  // Leave room for the envelope ("using", brackets) when packing by size.
  const maxBytes = limits.maxSizeRequest ? limits.maxSizeRequest - 1024 : Infinity;
  const encoder = new TextEncoder();
  const sizeOf = (i: number) => {
    const c = calls[i]!;
    return encoder.encode(JSON.stringify([c.method, c.args, c.callId])).length + 1;
  };
  const requests: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const group of groupCalls(calls)) {
    if (group.length > maxCalls) throw new UnsplittableError(group.length, maxCalls);
    const groupBytes = maxBytes === Infinity ? 0 : group.reduce((n, i) => n + sizeOf(i), 0);
    if (current.length > 0 && (current.length + group.length > maxCalls || bytes + groupBytes > maxBytes)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...group);
    bytes += groupBytes;
  }
  if (current.length) requests.push(current);
  return requests.map((r) => r.sort((a, b) => a - b));
}

/** Splits a list into pieces of at most `size` (for maxObjectsInGet / maxObjectsInSet). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

interface SetLikeArgs {
  ifInState?: string | null;
  create?: Record<string, unknown> | null;
  update?: Record<string, unknown> | null;
  destroy?: string[] | null;
}

/**
 * Splits /set arguments into several, each with at most `maxObjects` creates + updates +
 * destroys (maxObjectsInSet). `ifInState` stays on the first piece only: the first piece
 * changes the state, so repeating it would make every later piece fail with stateMismatch.
 * Creation ids referenced across pieces keep working within one request (the server
 * remembers them) and across requests through `createdIds`.
 */
export function chunkSetArgs<A extends SetLikeArgs>(args: A, maxObjects: number): A[] {
  type Op = ['create', string, unknown] | ['update', string, unknown] | ['destroy', string];
  const ops: Op[] = [
    ...Object.entries(args.create ?? {}).map(([k, v]): Op => ['create', k, v]),
    ...Object.entries(args.update ?? {}).map(([k, v]): Op => ['update', k, v]),
    ...(args.destroy ?? []).map((id): Op => ['destroy', id]),
  ];
  if (ops.length <= maxObjects) return [args];
  return chunk(ops, maxObjects).map((piece, i) => {
    const out: A = { ...args, create: undefined, update: undefined, destroy: undefined };
    if (i > 0) delete out.ifInState;
    for (const op of piece) {
      if (op[0] === 'destroy') (out.destroy ??= []).push(op[1]);
      else ((out[op[0]] as Record<string, unknown> | undefined) ??= {})[op[1]] = op[2];
    }
    for (const k of ['create', 'update', 'destroy'] as const) if (out[k] === undefined) delete out[k];
    return out;
  });
}
