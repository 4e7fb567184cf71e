import { decodeBytes } from '../mime/decode.ts';
import { parseMessage } from '../mime/message.ts';
import { findPart } from '../mime/structure.ts';
import { getStoredBlob, splitPartBlobId } from '../data/blobs.ts';
import type { Db } from '../data/db.ts';

/** A blob's bytes: an uploaded or message blob as stored, or a body part cut from its message. */
export async function resolveBlob(db: Db, accountId: string, blobId: string): Promise<{ data: Buffer; type: string; name: string | null } | undefined> {
  const stored = getStoredBlob(db, accountId, blobId);
  if (stored) return { data: stored.data, type: stored.type, name: null };
  const ref = splitPartBlobId(blobId);
  if (!ref) return undefined;
  const message = getStoredBlob(db, accountId, ref.messageBlobId);
  if (!message) return undefined;
  const msg = parseMessage(message.data, message.blobId);
  const part = findPart(msg.root, ref.partId);
  if (!part) return undefined;
  return { data: await decodeBytes(msg.buf, part), type: part.type, name: part.name };
}
