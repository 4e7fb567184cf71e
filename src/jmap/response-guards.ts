/**
 * Shape checks for the request envelope (RFC 8620 §3.4) and each method response's
 * essentials: ids arrays, state strings, list arrays, SetError maps. Only what callers
 * rely on is checked; unknown extra properties pass through untouched.
 */
import { At, isObject, type Obj } from './guards.ts';
import type { JmapResponseBody } from './wire/core.ts';
import type { UploadResponse } from './wire/blob.ts';

export function checkResponseBody(raw: unknown, url?: string): JmapResponseBody {
  const at: At = new At('JMAP response', url);
  const body = at.object(raw);
  const list = at.array(body, 'methodResponses');
  list.forEach((inv, i) => {
    const p = `methodResponses[${i}]`;
    if (!Array.isArray(inv) || inv.length !== 3) at.fail(p, 'a [name, arguments, callId] triple', inv);
    if (typeof inv[0] !== 'string') at.fail(`${p}[0]`, 'a method name', inv[0]);
    if (!isObject(inv[1])) at.fail(`${p}[1]`, 'an arguments object', inv[1]);
    if (typeof inv[2] !== 'string') at.fail(`${p}[2]`, 'a call id', inv[2]);
  });
  at.string(body, 'sessionState');
  const created = at.optMap(body, 'createdIds');
  if (created) for (const [k, v] of Object.entries(created)) if (typeof v !== 'string') at.fail(`createdIds.${k}`, 'an id', v);
  return body as unknown as JmapResponseBody;
}

function checkSetErrors(at: At, o: Obj, key: string): void {
  const map = at.optMap(o, key);
  if (!map) return;
  for (const [id, e] of Object.entries(map)) {
    const err = at.object(e, `${key}.${id}`);
    at.string(err, 'type', `${key}.${id}.type`);
  }
}

function checkCreated(at: At, o: Obj, key = 'created'): void {
  const map = at.optMap(o, key);
  if (!map) return;
  for (const [cid, v] of Object.entries(map)) at.string(at.object(v, `${key}.${cid}`), 'id', `${key}.${cid}.id`);
}

function checkGet(at: At, o: Obj, idKey = 'id'): void {
  at.string(o, 'accountId');
  const list = at.array(o, 'list');
  list.forEach((item, i) => at.string(at.object(item, `list[${i}]`), idKey, `list[${i}].${idKey}`));
  at.lenientStringArray(o, 'notFound');
}

function checkSetLike(at: At, o: Obj): void {
  at.string(o, 'accountId');
  at.string(o, 'newState');
  checkCreated(at, o);
  at.optMap(o, 'updated');
  const destroyed = o.destroyed;
  if (destroyed !== undefined && destroyed !== null) at.stringArray(o, 'destroyed');
  checkSetErrors(at, o, 'notCreated');
  checkSetErrors(at, o, 'notUpdated');
  checkSetErrors(at, o, 'notDestroyed');
}

/** Checks one successful method response by method name; throws ProtocolError when malformed. */
export function checkMethodResponse(name: string, args: Obj, url?: string): void {
  const at: At = new At(`${name} response`, url);
  const [, op] = name.split('/');
  if (name === 'SearchSnippet/get') {
    checkGet(at, args, 'emailId');
    return;
  }
  // RFC 8620 7.2: push subscriptions have no account and no state.
  if (name === 'PushSubscription/get') {
    const list = at.array(args, 'list');
    list.forEach((item, i) => at.string(at.object(item, `list[${i}]`), 'id', `list[${i}].id`));
    at.lenientStringArray(args, 'notFound');
    return;
  }
  if (name === 'PushSubscription/set') {
    checkCreated(at, args);
    at.optMap(args, 'updated');
    if (args.destroyed !== undefined && args.destroyed !== null) at.stringArray(args, 'destroyed');
    checkSetErrors(at, args, 'notCreated');
    checkSetErrors(at, args, 'notUpdated');
    checkSetErrors(at, args, 'notDestroyed');
    return;
  }
  if (name === 'Email/parse') {
    at.string(args, 'accountId');
    at.optMap(args, 'parsed');
    at.lenientStringArray(args, 'notParsable');
    at.lenientStringArray(args, 'notFound');
    return;
  }
  if (name === 'Email/import' || name === 'Blob/upload') {
    at.string(args, 'accountId');
    // Surprise from Cyrus 3.6: Email/import answers without oldState/newState.
    if (name === 'Email/import') at.optString(args, 'newState');
    checkCreated(at, args);
    checkSetErrors(at, args, 'notCreated');
    return;
  }
  switch (op) {
    case 'get':
      checkGet(at, args);
      at.string(args, 'state');
      return;
    case 'changes':
      at.string(args, 'accountId');
      at.string(args, 'oldState');
      at.string(args, 'newState');
      at.boolean(args, 'hasMoreChanges');
      at.stringArray(args, 'created');
      at.stringArray(args, 'updated');
      at.stringArray(args, 'destroyed');
      return;
    case 'set':
      checkSetLike(at, args);
      return;
    case 'copy':
      at.string(args, 'accountId');
      at.string(args, 'newState');
      checkCreated(at, args);
      checkSetErrors(at, args, 'notCreated');
      return;
    case 'query':
      at.string(args, 'accountId');
      at.string(args, 'queryState');
      at.boolean(args, 'canCalculateChanges');
      at.number(args, 'position');
      at.stringArray(args, 'ids');
      at.optNumber(args, 'total');
      return;
    case 'queryChanges': {
      at.string(args, 'accountId');
      at.string(args, 'oldQueryState');
      at.string(args, 'newQueryState');
      at.stringArray(args, 'removed');
      const added = at.array(args, 'added');
      added.forEach((a, i) => {
        const item = at.object(a, `added[${i}]`);
        at.string(item, 'id', `added[${i}].id`);
        at.number(item, 'index', `added[${i}].index`);
      });
      at.optNumber(args, 'total');
      return;
    }
    default:
      // Core/echo and methods this client does not know: an object is all we can ask.
      return;
  }
}

export function checkUploadResponse(raw: unknown, url?: string): UploadResponse {
  const at: At = new At('Upload response', url);
  const o = at.object(raw);
  at.string(o, 'accountId');
  at.string(o, 'blobId');
  at.number(o, 'size');
  if (typeof o.type !== 'string') o.type = '';
  return o as unknown as UploadResponse;
}
