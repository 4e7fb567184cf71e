/**
 * The bytes of a message part (an attachment, an inline image): from the offline cache
 * (db.blobs) when there, else downloaded and kept, within the attachment budget the
 * person set (oldest dropped first). Offline and not cached: a sentence saying so.
 */
import type { EmailBodyPart } from '../../jmap/index.ts';
// The module itself, not the index: the index would pull DOMPurify in with Settings.
import { saveFileName } from '../../sanitize/displayText.ts';
import { evictBlobs, getBlob, putBlob } from '../../store/blobs.ts';
import { mailDb } from '../data/db.ts';
import { ask, HostRequestError } from '../bridge/ask.ts';
import { inertForDownload } from '../message/safeImage.ts';
import { readAttachmentSettings } from './attachmentSettings.ts';
import { offlineLeftOut, readSetting } from '../../store/settings.ts';
import { readSyncSettings } from '../../store/syncSettings.ts';
import { attachmentNotOnDeviceWords, whenBack, type Reach } from './notOnDevice.ts';

/** The message a part belongs to, for saying why it is not on the device. */
export interface PartOf {
  receivedMs: number;
  mailboxIds: readonly string[];
}

/** Which of these blobs are in the offline cache (keys only: usable in a live query). */
export async function cachedBlobIds(accountId: string, blobIds: readonly string[]): Promise<Set<string>> {
  const keys = await mailDb()
    .blobs.where(':id')
    .anyOf(blobIds.map((b) => [accountId, b]))
    .primaryKeys();
  return new Set(keys.map((k) => (k as unknown as [string, string])[1]));
}

export async function partBlob(accountId: string, part: EmailBodyPart, of?: PartOf): Promise<Blob> {
  if (!part.blobId) throw new Error('This part of the message has no content to download.');
  const db = mailDb();
  const type = part.type ?? 'application/octet-stream';
  const cached = await getBlob(db, accountId, part.blobId);
  if (cached) return cached.data instanceof Blob ? cached.data : new Blob([cached.data], { type: cached.type || type });
  if (!navigator.onLine) throw await notOnDevice(accountId, part, 'offline', of);
  const got = await ask(accountId, 'blob', { blobId: part.blobId, type }).catch(async (error: unknown) => {
    throw error instanceof HostRequestError && error.kind === 'offline'
      ? await notOnDevice(accountId, part, navigator.onLine ? 'unreachable' : 'offline', of)
      : error;
  });
  const blob = new Blob([got.bytes], { type: got.type });
  const { budgetBytes } = await readAttachmentSettings();
  if (blob.size <= budgetBytes) {
    try {
      // ArrayBuffer, not Blob: Safari has lost Blobs stored in IndexedDB.
      await putBlob(db, { accountId, blobId: part.blobId, type, size: blob.size, data: got.bytes });
      await evictBlobs(db, accountId, budgetBytes);
    } catch {
      // A full disk only means this one is not kept for offline use.
    }
  }
  return blob;
}

/** Why the part is not here, from the offline choice (without the message: only that it was never opened). */
async function notOnDevice(accountId: string, part: EmailBodyPart, reach: Reach, of?: PartOf): Promise<NotOnDeviceError> {
  const name = part.name ?? 'This attachment';
  if (!of) return new NotOnDeviceError(`“${name}” is not on this device: it was never opened here. ${whenBack(reach)}`, reach);
  const db = mailDb();
  const [sync, leftOut] = await Promise.all([readSyncSettings(db), readSetting(db, offlineLeftOut(accountId))]);
  const words = attachmentNotOnDeviceWords(name, {
    ...of,
    now: Date.now(),
    size: part.size ?? 0,
    maxBytes: sync.attachmentMaxBytes,
    attachmentDays: sync.attachmentWindowDays,
    windowDays: sync.offlineWindowDays,
    leftOut,
    reach,
  });
  return new NotOnDeviceError(words, reach);
}

/** An attachment not on this device while the server cannot be asked, in words (Attachments asks again by itself). */
export class NotOnDeviceError extends Error {
  constructor(
    message: string,
    readonly reach: Reach,
  ) {
    super(message);
  }
}

/**
 * Hands bytes to the browser's download (the link's URL is freed once it has started).
 * Typed octet-stream: the blob: URL has the app's origin, and one typed as the mail said
 * (HTML, SVG) would render as a document of the app if opened on its own. Named here with
 * the name the app shows: the download URL carries no file name from the mail
 * (src/jmap/blobs.ts), so the server's Content-Disposition never names it.
 */
export function saveAs(blob: Blob, name: string): void {
  const url = URL.createObjectURL(inertForDownload(blob));
  const a = document.createElement('a');
  a.href = url;
  a.download = saveFileName(name);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
