import { randomBytes } from 'node:crypto';
import { MethodError, SetFailure, invalidArguments, invalidProperties } from '../errors.ts';
import {
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  putSubscription,
  type StoredSubscription,
} from '../data/push-subscriptions.ts';
import { newId } from '../data/emails.ts';
import { DATA_TYPES, type DataType, type Json, type JsonObject, type SetError } from '../wire.ts';
import { idList, isObject } from './common.ts';
import type { Ctx, Handler } from './context.ts';

/**
 * PushSubscription/get and /set (RFC 8620 7.2): no accountId and no state, they belong to
 * the credentials. url and keys are never sent back. A new subscription gets a
 * PushVerification pushed at once and nothing else until the client sets its code.
 */

/** The longest a subscription lives before the client must renew it (the server clamps `expires`). */
export const MAX_SUBSCRIPTION_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_SUBSCRIPTIONS_PER_USER = 50;
const PROPERTIES = ['id', 'deviceClientId', 'verificationCode', 'expires', 'types'];
const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function shown(sub: StoredSubscription, wanted: Set<string> | null): JsonObject {
  const all: JsonObject = {
    id: sub.id,
    deviceClientId: sub.deviceClientId,
    verificationCode: sub.verificationCode,
    expires: sub.expires,
    types: sub.types,
  };
  if (!wanted) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.has(k))) as JsonObject;
}

function typesOf(v: Json | undefined): DataType[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string' && DATA_TYPES.includes(t as DataType)))
    throw invalidProperties(`types must be null or a list of ${DATA_TYPES.join(', ')}`, ['types']);
  return [...new Set(v as DataType[])];
}

/** The expiry asked for, clamped to the server's maximum; a past one is refused. */
function expiresOf(ctx: Ctx, v: Json | undefined): string {
  const now = ctx.now().getTime();
  const latest = now + MAX_SUBSCRIPTION_MS;
  if (v === undefined || v === null) return new Date(latest).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) throw invalidProperties('expires must be a UTCDate', ['expires']);
  if (t <= now) throw invalidProperties('expires is in the past', ['expires']);
  return new Date(Math.min(t, latest)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function keysOf(v: Json | undefined): StoredSubscription['keys'] {
  if (!isObject(v) || typeof v.p256dh !== 'string' || typeof v.auth !== 'string' || !B64URL.test(v.p256dh) || !B64URL.test(v.auth))
    throw invalidProperties('keys must be { p256dh, auth } in base64url (this server pushes only encrypted)', ['keys']);
  return { p256dh: v.p256dh, auth: v.auth };
}

function create(ctx: Ctx, obj: JsonObject): StoredSubscription {
  for (const k of Object.keys(obj)) {
    if (k === 'id' || k === 'verificationCode') throw invalidProperties(`${k} is set by the server`, [k]);
    if (!['deviceClientId', 'url', 'keys', 'expires', 'types'].includes(k)) throw invalidProperties(`Unknown property ${k}`, [k]);
  }
  if (typeof obj.deviceClientId !== 'string' || obj.deviceClientId === '')
    throw invalidProperties('deviceClientId is required', ['deviceClientId']);
  const url = obj.url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url))
    throw invalidProperties('url must be an http or https URL', ['url']);
  if (listSubscriptions(ctx.db, ctx.user.username).length >= MAX_SUBSCRIPTIONS_PER_USER)
    throw new SetFailure('overQuota', `At most ${MAX_SUBSCRIPTIONS_PER_USER} push subscriptions per user`);
  return {
    id: newId(ctx.db, 'P'),
    username: ctx.user.username,
    deviceClientId: obj.deviceClientId,
    url,
    keys: keysOf(obj.keys),
    verificationCode: null,
    expectedCode: randomBytes(16).toString('hex'),
    expires: expiresOf(ctx, obj.expires),
    types: typesOf(obj.types),
  };
}

/** Only verificationCode, types and expires may change; returns what the server changed. */
function update(ctx: Ctx, sub: StoredSubscription, patch: JsonObject): JsonObject | null {
  let changed: JsonObject | null = null;
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'verificationCode') {
      if (v !== sub.expectedCode) throw invalidProperties('That is not the verification code pushed to this subscription', [k]);
      sub.verificationCode = v;
    } else if (k === 'types') sub.types = typesOf(v);
    else if (k === 'expires') {
      sub.expires = expiresOf(ctx, v);
      if (sub.expires !== v) changed = { expires: sub.expires };
    } else throw invalidProperties(`${k} cannot be changed`, [k]);
  }
  return changed;
}

const pushSubscriptionGet: Handler = (args, ctx) => {
  const ids = idList(args, 'ids');
  const props = idList(args, 'properties');
  const unknown = (props ?? []).filter((p) => !PROPERTIES.includes(p));
  if (unknown.length) throw invalidArguments(`Unknown or write-only properties: ${unknown.join(', ')}`);
  const wanted = props ? new Set(['id', ...props]) : null;
  const mine = listSubscriptions(ctx.db, ctx.user.username);
  if (ids === null) return { list: mine.map((s) => shown(s, wanted)), notFound: [] };
  const byId = new Map(mine.map((s) => [s.id, s]));
  const list: JsonObject[] = [];
  const notFound: string[] = [];
  for (const id of new Set(ids)) {
    const s = byId.get(id);
    if (s) list.push(shown(s, wanted));
    else notFound.push(id);
  }
  return { list, notFound };
};

function setError(e: unknown): SetError {
  if (e instanceof SetFailure) return e.error;
  throw e;
}

const pushSubscriptionSet: Handler = (args, ctx) => {
  if (args.accountId !== undefined) throw invalidArguments('PushSubscription/set takes no accountId');
  if (args.ifInState !== undefined && args.ifInState !== null)
    throw invalidArguments('PushSubscription has no state; ifInState is not allowed');
  const createArg = args.create ?? {};
  const updateArg = args.update ?? {};
  const destroyArg = args.destroy ?? [];
  if (!isObject(createArg) || !isObject(updateArg)) throw invalidArguments('create and update must be maps');
  if (!Array.isArray(destroyArg) || !destroyArg.every((x) => typeof x === 'string'))
    throw invalidArguments('destroy must be a list of ids');
  const count = Object.keys(createArg).length + Object.keys(updateArg).length + destroyArg.length;
  if (count > ctx.profile.limits.maxObjectsInSet) throw new MethodError('requestTooLarge', 'Too many objects in one /set');
  const out = {
    created: {} as Record<string, JsonObject>,
    notCreated: {} as Record<string, SetError>,
    updated: {} as Record<string, JsonObject | null>,
    notUpdated: {} as Record<string, SetError>,
    destroyed: [] as string[],
    notDestroyed: {} as Record<string, SetError>,
  };
  const mineOf = (raw: string) => {
    const id = raw.startsWith('#') ? ctx.creationIds.get(raw.slice(1)) : raw;
    const sub = id ? getSubscription(ctx.db, id) : undefined;
    if (!sub || sub.username !== ctx.user.username) throw new SetFailure('notFound', `No push subscription ${raw}`);
    return sub;
  };
  for (const [cid, obj] of Object.entries(createArg)) {
    try {
      if (!isObject(obj)) throw invalidProperties('The object to create must be a JSON object', []);
      const sub = create(ctx, obj);
      putSubscription(ctx.db, sub);
      ctx.creationIds.set(cid, sub.id);
      out.created[cid] = { id: sub.id, expires: sub.expires };
      ctx.webPush?.verify(sub);
    } catch (e) {
      out.notCreated[cid] = setError(e);
    }
  }
  for (const [id, patch] of Object.entries(updateArg)) {
    try {
      if (!isObject(patch)) throw invalidProperties('A patch must be a JSON object', []);
      const sub = mineOf(id);
      const changed = update(ctx, sub, patch);
      putSubscription(ctx.db, sub);
      out.updated[id] = changed;
    } catch (e) {
      out.notUpdated[id] = setError(e);
    }
  }
  for (const id of destroyArg) {
    try {
      const sub = mineOf(id);
      deleteSubscription(ctx.db, sub.id);
      ctx.webPush?.forget(sub.id);
      out.destroyed.push(id);
    } catch (e) {
      out.notDestroyed[id] = setError(e);
    }
  }
  const nulls = (m: object) => (Object.keys(m).length ? m : null);
  return {
    created: nulls(out.created),
    notCreated: nulls(out.notCreated),
    updated: nulls(out.updated),
    notUpdated: nulls(out.notUpdated),
    destroyed: out.destroyed.length ? out.destroyed : null,
    notDestroyed: nulls(out.notDestroyed),
  } as JsonObject;
};

export const pushSubscriptionMethods: Record<string, Handler> = {
  'PushSubscription/get': pushSubscriptionGet,
  'PushSubscription/set': pushSubscriptionSet,
};
