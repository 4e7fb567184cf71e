import { MethodError } from '../errors.ts';
import { decodeHeaderBytes, splitHeaderBlock } from '../mime/headers.ts';
import { extractMeta, parseMessage } from '../mime/message.ts';
import { resolveBlob } from '../mail/resolve-blob.ts';
import { getStoredBlob } from '../data/blobs.ts';
import { typeState } from '../data/changes.ts';
import { emailIndex, threadEmails } from '../data/emails.ts';
import type { JsonObject } from '../wire.ts';
import { accountOf, changesFrame, idList, resolveId } from './common.ts';
import type { Handler } from './context.ts';
import { needsMessage, renderEmail, renderOptions } from './email-render.ts';

const emailGet: Handler = async (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const o = renderOptions(args);
  const ids = idList(args, 'ids');
  const max = ctx.profile.limits.maxObjectsInGet;
  const index = emailIndex(ctx.db, accountId);
  const wanted = ids ?? [...index.keys()];
  if (wanted.length > max)
    throw new MethodError('requestTooLarge', `At most ${max} emails per Email/get (maxObjectsInGet); ${wanted.length} were asked for`);
  const bodyMax = ctx.profile.maxEmailsInBodyGet;
  if (bodyMax !== null && needsMessage(o) && wanted.length > bodyMax) {
    throw new MethodError('requestTooLarge', `At most ${bodyMax} emails per Email/get when body properties are asked for`);
  }
  const list: JsonObject[] = [];
  const notFound: string[] = [];
  for (const raw of new Set(wanted)) {
    const id = resolveId(ctx, raw);
    const row = id ? index.get(id) : undefined;
    if (!row) {
      notFound.push(raw);
      continue;
    }
    let msg = null;
    if (needsMessage(o)) {
      const blob = getStoredBlob(ctx.db, accountId, row.blobId);
      if (!blob) throw new Error(`The message blob ${row.blobId} of email ${row.id} is missing from the store`);
      msg = parseMessage(blob.data, blob.blobId);
    }
    list.push(await renderEmail({ row, blobId: row.blobId, size: row.size, meta: row.meta, headerBlock: row.headers, msg }, o));
  }
  return { accountId, state: typeState(ctx.db, accountId, 'Email'), list, notFound };
};

/** Email/parse (RFC 8621 4.9): an Email object from any message blob, stored nowhere. */
const emailParse: Handler = async (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const o = renderOptions(args);
  const blobIds = idList(args, 'blobIds') ?? [];
  const max = ctx.profile.limits.maxObjectsInGet;
  if (blobIds.length > max) throw new MethodError('requestTooLarge', `At most ${max} blobs per Email/parse`);
  const parsed: Record<string, JsonObject> = {};
  const notParsable: string[] = [];
  const notFound: string[] = [];
  for (const blobId of blobIds) {
    const blob = await resolveBlob(ctx, accountId, blobId);
    if (!blob) {
      notFound.push(blobId);
      continue;
    }
    try {
      const msg = parseMessage(blob.data);
      const { meta } = await extractMeta(msg);
      const { headerEnd } = splitHeaderBlock(blob.data);
      if (headerEnd === 0 && blob.data.length > 0) throw new Error('no header block');
      parsed[blobId] = await renderEmail(
        { row: null, blobId, size: blob.data.length, meta, headerBlock: decodeHeaderBytes(blob.data.subarray(0, headerEnd)), msg },
        o,
      );
    } catch {
      notParsable.push(blobId);
    }
  }
  return {
    accountId,
    parsed: Object.keys(parsed).length ? parsed : null,
    notParsable: notParsable.length ? notParsable : null,
    notFound: notFound.length ? notFound : null,
  };
};

const threadGet: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const ids = idList(args, 'ids');
  const max = ctx.profile.limits.maxObjectsInGet;
  if (ids && ids.length > max) throw new MethodError('requestTooLarge', `At most ${max} threads per Thread/get`);
  const index = emailIndex(ctx.db, accountId);
  const all = ids ?? [...new Set([...index.values()].map((e) => e.threadId))];
  if (all.length > max) throw new MethodError('requestTooLarge', `There are more than ${max} threads; ask for ids`);
  const list: JsonObject[] = [];
  const notFound: string[] = [];
  for (const raw of new Set(all)) {
    const id = resolveId(ctx, raw);
    const emails = id ? threadEmails(ctx.db, accountId, id) : [];
    if (emails.length === 0) notFound.push(raw);
    else list.push({ id: id!, emailIds: emails.map((e) => e.id) });
  }
  return { accountId, state: typeState(ctx.db, accountId, 'Thread'), list, notFound };
};

export const emailReadMethods: Record<string, Handler> = {
  'Email/get': emailGet,
  'Email/changes': (args, ctx) => changesFrame(args, ctx, 'Email'),
  'Email/parse': emailParse,
  'Thread/get': threadGet,
  'Thread/changes': (args, ctx) => changesFrame(args, ctx, 'Thread'),
};
