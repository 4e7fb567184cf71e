import { getStoredBlob, splitPartBlobId } from '../data/blobs.ts';
import { blobInUse } from '../data/emails.ts';
import type { Services } from '../methods/context.ts';
import { decodeBytes } from '../mime/decode.ts';
import { parseMessage } from '../mime/message.ts';
import { findPart } from '../mime/structure.ts';

/**
 * A blob's bytes: an uploaded or message blob as stored, or a body part cut from its
 * message (which may itself be such a part: the parts Email/parse names in an attached message). Under a profile with uploadExpiryMs (Stalwart: 1 h), an upload that no email
 * uses is gone once it is older than that.
 */
export async function resolveBlob(
  services: Pick<Services, 'db' | 'profile' | 'now'>,
  accountId: string,
  blobId: string,
): Promise<{ data: Buffer; type: string; name: string | null } | undefined> {
  const { db } = services;
  const stored = getStoredBlob(db, accountId, blobId);
  if (stored) {
    const expiry = services.profile.uploadExpiryMs;
    if (expiry !== null && Date.parse(stored.created) < services.now().getTime() - expiry && !blobInUse(db, accountId, blobId))
      return undefined;
    return { data: stored.data, type: stored.type, name: null };
  }
  const ref = splitPartBlobId(blobId);
  if (!ref) return undefined;
  // The message is a stored one, or itself a part (an attached message/rfc822).
  const message = await resolveBlob(services, accountId, ref.messageBlobId);
  if (!message) return undefined;
  const msg = parseMessage(message.data, ref.messageBlobId);
  const part = findPart(msg.root, ref.partId);
  if (!part) return undefined;
  return { data: await decodeBytes(msg.buf, part), type: part.type, name: part.name };
}
