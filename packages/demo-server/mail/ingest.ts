import { searchTextOf } from '../methods/email-filter.ts';
import { decodeHeaderBytes, splitHeaderBlock } from '../mime/headers.ts';
import { extractMeta, parseMessage, type EmailMeta } from '../mime/message.ts';
import { blobIdFor, putBlob } from '../data/blobs.ts';
import type { Recorder } from '../data/changes.ts';
import type { Db } from '../data/db.ts';
import { insertEmail, type EmailRow } from '../data/emails.ts';

/**
 * Storing a message: parse it (async, outside any transaction), then write blob and
 * index row (sync, inside the caller's transaction). Every way mail enters an account
 * goes through here: Email/set create, Email/import, Email/copy, delivery, seeding.
 */
export interface PreparedMessage {
  bytes: Buffer;
  blobId: string;
  meta: EmailMeta;
  headers: string;
  searchText: string;
}

export async function prepareMessage(bytes: Buffer): Promise<PreparedMessage> {
  const blobId = blobIdFor(bytes);
  const msg = parseMessage(bytes, blobId);
  const { meta, text } = await extractMeta(msg);
  const { headerEnd } = splitHeaderBlock(bytes);
  return {
    bytes,
    blobId,
    meta,
    headers: decodeHeaderBytes(bytes.subarray(0, headerEnd)),
    searchText: searchTextOf({ ...meta, body: text }),
  };
}

export function storeMessage(
  db: Db,
  rec: Recorder,
  accountId: string,
  p: PreparedMessage,
  place: { mailboxIds: Record<string, true>; keywords: Record<string, true>; receivedAt: string },
): EmailRow {
  putBlob(db, accountId, p.bytes, 'message/rfc822');
  return insertEmail(db, rec, accountId, {
    blobId: p.blobId,
    size: p.bytes.length,
    receivedAt: place.receivedAt,
    mailboxIds: place.mailboxIds,
    keywords: place.keywords,
    meta: p.meta,
    headers: p.headers,
    searchText: p.searchText,
  });
}

/** UTCDate without fractional seconds, as servers usually send it. */
export function utcDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
