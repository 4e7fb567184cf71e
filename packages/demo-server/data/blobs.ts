import { createHash } from 'node:crypto';
import type { Db } from './db.ts';

/**
 * Blobs are content-addressed per account: the same bytes uploaded twice get the same
 * blobId. The body parts of a stored message are blobs too, named
 * `<messageBlobId>_<partId>` and cut out of the message on demand (see mime/).
 */
export function blobIdFor(bytes: Uint8Array): string {
  return 'G' + createHash('sha256').update(bytes).digest('hex').slice(0, 40);
}

export interface StoredBlob {
  blobId: string;
  type: string;
  size: number;
  data: Buffer;
  /** ISO time of the first upload. */
  created: string;
}

export function putBlob(db: Db, accountId: string, bytes: Uint8Array, type: string, now = new Date()): StoredBlob {
  const blobId = blobIdFor(bytes);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  db.prepare(
    'INSERT INTO blobs (accountId, blobId, type, size, data, created) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(accountId, blobId) DO UPDATE SET created = excluded.created',
  ).run(accountId, blobId, type, data.length, data, now.toISOString());
  return { blobId, type, size: data.length, data, created: now.toISOString() };
}

export function getStoredBlob(db: Db, accountId: string, blobId: string): StoredBlob | undefined {
  return db.prepare('SELECT blobId, type, size, data, created FROM blobs WHERE accountId = ? AND blobId = ?').get(accountId, blobId) as
    StoredBlob | undefined;
}

/**
 * Splits a part blob id into its message blob and part id; null for a plain blob id. The
 * message may itself be a part (`G…_2_1`: part 1 of the message attached as part 2, as
 * Email/parse of an attached message names its parts).
 */
export function splitPartBlobId(blobId: string): { messageBlobId: string; partId: string } | null {
  const m = /^(G[0-9a-f]{40}(?:_[0-9]+){0,7})_([0-9]+)$/.exec(blobId);
  return m ? { messageBlobId: m[1]!, partId: m[2]! } : null;
}
