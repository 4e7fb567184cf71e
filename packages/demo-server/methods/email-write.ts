import { MethodError, SetFailure, invalidArguments, invalidProperties } from '../errors.ts';
import { prepareMessage, storeMessage, utcDate } from '../mail/ingest.ts';
import { resolveBlob } from '../mail/resolve-blob.ts';
import { buildMessage } from '../mime/build.ts';
import { getStoredBlob } from '../data/blobs.ts';
import { typeState } from '../data/changes.ts';
import { destroyEmail, getEmail, insertEmail, updateEmail } from '../data/emails.ts';
import { listMailboxes } from '../data/mailboxes.ts';
import type { Json, JsonObject, SetError } from '../wire.ts';
import { accountOf, checkIfInState, isObject, resolveId, setFrame, unescapePointer } from './common.ts';
import type { Ctx, Handler } from './context.ts';

const KEYWORD = /^[\x21-\x7e]+$/;
const KEYWORD_FORBIDDEN = /[(){\]%*"\\]/;

function checkKeyword(k: string, prop: string): string {
  if (!KEYWORD.test(k) || KEYWORD_FORBIDDEN.test(k) || k.length > 255) throw invalidProperties(`"${k}" is not a valid keyword`, [prop]);
  return k.toLowerCase();
}

function keywordsFrom(v: unknown, prop = 'keywords'): Record<string, true> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw invalidProperties('keywords must be a map of keyword to true', [prop]);
  const out: Record<string, true> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val !== true) throw invalidProperties('keyword values must be true', [prop]);
    out[checkKeyword(k, prop)] = true;
  }
  return out;
}

function mailboxIdsFrom(ctx: Ctx, v: unknown): Record<string, true> {
  if (!isObject(v)) throw invalidProperties('mailboxIds must be a map of mailbox id to true', ['mailboxIds']);
  const out: Record<string, true> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val !== true) throw invalidProperties('mailboxIds values must be true', ['mailboxIds']);
    const id = resolveId(ctx, k);
    if (!id) throw invalidProperties(`No mailbox was created as ${k} in this request`, ['mailboxIds']);
    out[id] = true;
  }
  return out;
}

function checkMailboxes(ctx: Ctx, accountId: string, ids: Record<string, true>): void {
  const keys = Object.keys(ids);
  if (keys.length === 0) throw invalidProperties('An email must be in at least one mailbox', ['mailboxIds']);
  if (ctx.profile.singleMailboxOnCreate && keys.length > 1)
    throw invalidProperties('This server takes exactly one mailbox here', ['mailboxIds']);
  const known = new Set(listMailboxes(ctx.db, accountId).map((m) => m.id));
  const missing = keys.filter((k) => !known.has(k));
  if (missing.length) throw invalidProperties(`No mailbox ${missing.join(', ')}`, ['mailboxIds']);
}

function receivedAtFrom(ctx: Ctx, v: unknown): string {
  if (v === undefined || v === null) return utcDate(ctx.now());
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw invalidProperties('receivedAt must be a UTCDate', ['receivedAt']);
  return utcDate(new Date(v));
}

async function createEmail(ctx: Ctx, accountId: string, obj: JsonObject) {
  if (!('mailboxIds' in obj)) throw invalidProperties('mailboxIds is required', ['mailboxIds']);
  const mailboxIds = mailboxIdsFrom(ctx, obj.mailboxIds);
  checkMailboxes(ctx, accountId, mailboxIds);
  const keywords = keywordsFrom(obj.keywords);
  const receivedAt = receivedAtFrom(ctx, obj.receivedAt);
  const bytes = await buildMessage({ obj, loadBlob: (blobId) => resolveBlob(ctx, accountId, blobId) });
  const prepared = await prepareMessage(bytes);
  const row = ctx.write(accountId, (rec) => storeMessage(ctx.db, rec, accountId, prepared, { mailboxIds, keywords, receivedAt }));
  return { id: row.id, result: { blobId: row.blobId, threadId: row.threadId, size: row.size } };
}

/** Applies an Email/set update patch: only mailboxIds and keywords may change (RFC 8621 4.6). */
function patchEmail(ctx: Ctx, current: { mailboxIds: Record<string, true>; keywords: Record<string, true> }, patch: JsonObject) {
  let mailboxIds = { ...current.mailboxIds };
  let keywords = { ...current.keywords };
  const whole = new Set<string>();
  for (const [path, value] of Object.entries(patch)) {
    if (path === 'mailboxIds') {
      mailboxIds = mailboxIdsFrom(ctx, value);
      whole.add(path);
    } else if (path === 'keywords') {
      keywords = keywordsFrom(value);
      whole.add(path);
    } else if (path.startsWith('mailboxIds/') || path.startsWith('keywords/')) {
      const [prop, ...rest] = path.split('/');
      if (whole.has(prop!)) throw new SetFailure('invalidPatch', `${path} patches ${prop} which is also replaced whole`);
      if (rest.length !== 1) throw new SetFailure('invalidPatch', `${path} goes deeper than ${prop}`);
      const key = unescapePointer(rest[0]!);
      if (value !== true && value !== null) throw new SetFailure('invalidPatch', `${path} must be set to true or null`);
      if (prop === 'mailboxIds') {
        const id = resolveId(ctx, key);
        if (!id) throw invalidProperties(`No mailbox was created as ${key} in this request`, ['mailboxIds']);
        if (value) mailboxIds[id] = true;
        else delete mailboxIds[id];
      } else {
        const k = checkKeyword(key, 'keywords');
        if (value) keywords[k] = true;
        else delete keywords[k];
      }
    } else {
      const prop = path.split('/')[0]!;
      throw invalidProperties(`Only mailboxIds and keywords of an email can change, not ${prop}`, [prop]);
    }
  }
  return { mailboxIds, keywords };
}

export async function emailSet(args: JsonObject, ctx: Ctx): Promise<JsonObject> {
  const accountId = accountOf(args, ctx);
  return setFrame(args, ctx, 'Email', accountId, {
    create: (_cid, obj) => createEmail(ctx, accountId, obj),
    update: async (id, patch) => {
      const row = getEmail(ctx.db, accountId, id);
      if (!row) throw new SetFailure('notFound', `No email ${id}`);
      const next = patchEmail(ctx, row, patch);
      const same = (a: Record<string, true>, b: Record<string, true>) =>
        JSON.stringify(Object.keys(a).sort()) === JSON.stringify(Object.keys(b).sort());
      // A patch that changes nothing leaves the state alone (clients often resend flags).
      if (same(next.mailboxIds, row.mailboxIds) && same(next.keywords, row.keywords)) return null;
      const added = Object.keys(next.mailboxIds).filter((m) => !row.mailboxIds[m]);
      if (Object.keys(next.mailboxIds).length === 0) throw invalidProperties('An email must stay in at least one mailbox', ['mailboxIds']);
      if (added.length) {
        const known = new Set(listMailboxes(ctx.db, accountId).map((m) => m.id));
        const missing = added.filter((m) => !known.has(m));
        if (missing.length) throw invalidProperties(`No mailbox ${missing.join(', ')}`, ['mailboxIds']);
      }
      ctx.write(accountId, (rec) => updateEmail(ctx.db, rec, accountId, row, next));
      return null;
    },
    destroy: async (id) => {
      const row = getEmail(ctx.db, accountId, id);
      if (!row) throw new SetFailure('notFound', `No email ${id}`);
      ctx.write(accountId, (rec) => destroyEmail(ctx.db, rec, accountId, row));
    },
  });
}

/** Email/import (RFC 8621 4.8): messages from uploaded blobs. */
const emailImport: Handler = async (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const emails = args.emails;
  if (!isObject(emails)) throw invalidArguments('emails must be a map of creation id to EmailImport');
  const max = ctx.profile.limits.maxObjectsInSet;
  if (Object.keys(emails).length > max) throw new MethodError('requestTooLarge', `At most ${max} emails per Email/import`);
  const oldState = typeState(ctx.db, accountId, 'Email');
  checkIfInState(args, ctx, oldState, 'ifInState');
  const created: Record<string, JsonObject> = {};
  const notCreated: Record<string, SetError> = {};
  for (const [cid, spec] of Object.entries(emails)) {
    try {
      if (!isObject(spec)) throw invalidProperties('Each EmailImport must be an object', []);
      if (typeof spec.blobId !== 'string') throw invalidProperties('blobId is required', ['blobId']);
      const blobId = resolveId(ctx, spec.blobId) ?? spec.blobId;
      const mailboxIds = mailboxIdsFrom(ctx, spec.mailboxIds);
      checkMailboxes(ctx, accountId, mailboxIds);
      const keywords = keywordsFrom(spec.keywords);
      const receivedAt = receivedAtFrom(ctx, spec.receivedAt);
      const blob = await resolveBlob(ctx, accountId, blobId);
      if (!blob) throw new SetFailure('blobNotFound', `Blob ${blobId} does not exist in this account`, { notFound: [blobId] });
      const prepared = await prepareMessage(blob.data);
      if (prepared.headers.trim() === '')
        throw new SetFailure('invalidEmail', `Blob ${blobId} is not an RFC 5322 message (no header fields)`);
      const row = ctx.write(accountId, (rec) => storeMessage(ctx.db, rec, accountId, prepared, { mailboxIds, keywords, receivedAt }));
      ctx.creationIds.set(cid, row.id);
      created[cid] = { id: row.id, blobId: row.blobId, threadId: row.threadId, size: row.size };
    } catch (e) {
      if (e instanceof SetFailure) notCreated[cid] = e.error;
      else throw e;
    }
  }
  return {
    accountId,
    oldState,
    newState: typeState(ctx.db, accountId, 'Email'),
    created: Object.keys(created).length ? created : null,
    notCreated: (Object.keys(notCreated).length ? notCreated : null) as Json,
  };
};

/** Email/copy (RFC 8621 4.7): every user has one account here, so it copies within it. */
const emailCopy: Handler = async (args, ctx) => {
  const fromAccountId = accountOf(args, ctx, 'fromAccountId');
  const accountId = accountOf(args, ctx);
  const create = args.create;
  if (!isObject(create)) throw invalidArguments('create must be a map of creation id to Email');
  checkIfInState(args, ctx, typeState(ctx.db, fromAccountId, 'Email'), 'ifFromInState');
  const oldState = typeState(ctx.db, accountId, 'Email');
  const want = args.ifInState;
  if (typeof want === 'string' && want !== oldState)
    throw new MethodError('stateMismatch', `ifInState is "${want}" but the state is "${oldState}"`);
  const created: Record<string, JsonObject> = {};
  const notCreated: Record<string, SetError> = {};
  const copied: string[] = [];
  for (const [cid, spec] of Object.entries(create)) {
    try {
      if (!isObject(spec) || typeof spec.id !== 'string') throw invalidProperties('Each copy needs the id of the email to copy', ['id']);
      const src = getEmail(ctx.db, fromAccountId, spec.id);
      if (!src) throw new SetFailure('notFound', `No email ${spec.id}`);
      const mailboxIds = mailboxIdsFrom(ctx, spec.mailboxIds);
      checkMailboxes(ctx, accountId, mailboxIds);
      const keywords = spec.keywords === undefined ? src.keywords : keywordsFrom(spec.keywords);
      const receivedAt = spec.receivedAt === undefined ? src.receivedAt : receivedAtFrom(ctx, spec.receivedAt);
      const blob = getStoredBlob(ctx.db, fromAccountId, src.blobId);
      if (!blob) throw new Error(`The message blob of email ${src.id} is missing from the store`);
      const row = ctx.write(accountId, (rec) =>
        insertEmail(ctx.db, rec, accountId, {
          blobId: src.blobId,
          size: src.size,
          receivedAt,
          mailboxIds,
          keywords,
          meta: src.meta,
          headers: src.headers,
          searchText: src.searchText,
        }),
      );
      ctx.creationIds.set(cid, row.id);
      created[cid] = { id: row.id, blobId: row.blobId, threadId: row.threadId, size: row.size };
      copied.push(src.id);
    } catch (e) {
      if (e instanceof SetFailure) notCreated[cid] = e.error;
      else throw e;
    }
  }
  const result: JsonObject = {
    fromAccountId,
    accountId,
    oldState,
    newState: typeState(ctx.db, accountId, 'Email'),
    created: Object.keys(created).length ? created : null,
    notCreated: (Object.keys(notCreated).length ? notCreated : null) as Json,
  };
  if (args.onSuccessDestroyOriginal === true && copied.length) {
    const destroyArgs: JsonObject = { accountId: fromAccountId, destroy: copied };
    if (typeof args.destroyFromIfInState === 'string') destroyArgs.ifInState = args.destroyFromIfInState;
    let second: JsonObject;
    try {
      second = await emailSet(destroyArgs, ctx);
    } catch (e) {
      if (e instanceof MethodError)
        return {
          responses: [
            ['Email/copy', result],
            ['error', e.toJson()],
          ],
        };
      throw e;
    }
    return {
      responses: [
        ['Email/copy', result],
        ['Email/set', second],
      ],
    };
  }
  return result;
};

export const emailWriteMethods: Record<string, Handler> = {
  'Email/set': emailSet,
  'Email/import': emailImport,
  'Email/copy': emailCopy,
};
