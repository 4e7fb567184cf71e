/**
 * How each attachment's upload stands, written by the send pass on its bytes' row
 * (db.outgoingBlobs: `uploadingSince`, `uploadedAt`, `uploadError`) and read by the
 * composer beside each file. A failed upload loses nothing: the bytes stay on the device
 * and the next try (the flusher's backoff, or the next save) uploads them again.
 */
import type { MailDb } from '../store/index.ts';

export type UploadStatus =
  { state: 'waiting' } | { state: 'uploading'; since: number } | { state: 'uploaded' } | { state: 'failed'; words: string };

/** An upload older than this (the client's upload timeout) was cut off by a crash or a closed page. */
const UPLOAD_GIVES_UP_MS = 10 * 60_000;

interface UploadFields {
  uploadingSince?: number;
  uploadedAt?: number;
  uploadError?: string;
  serverBlobId?: string;
}

function uploadStatus(row: UploadFields | undefined, now: number): UploadStatus {
  if (row?.uploadingSince && now - row.uploadingSince < UPLOAD_GIVES_UP_MS) return { state: 'uploading', since: row.uploadingSince };
  if (row?.uploadError) return { state: 'failed', words: row.uploadError };
  if (row?.uploadedAt || row?.serverBlobId) return { state: 'uploaded' };
  return { state: 'waiting' };
}

/** The upload status of each of these bytes' rows (liveQuery-friendly). */
export async function readUploads(db: MailDb, ids: readonly string[]): Promise<Record<string, UploadStatus>> {
  const rows = (await db.outgoingBlobs.bulkGet([...ids])) as (UploadFields | undefined)[];
  const now = Date.now();
  return Object.fromEntries(ids.map((id, i) => [id, uploadStatus(rows[i], now)]));
}

/** Words for a failed upload: what happened, and that nothing is lost. */
function uploadFailureWords(name: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `“${name}” could not be uploaded (${why.replace(/\.$/, '')}). It is kept on this device and uploaded again with the next try.`;
}

export async function markUploading(db: MailDb, id: string): Promise<void> {
  await db.outgoingBlobs.update(id, { uploadingSince: Date.now(), uploadError: undefined });
}

export async function markUploaded(db: MailDb, id: string): Promise<void> {
  await db.outgoingBlobs.update(id, { uploadingSince: undefined, uploadedAt: Date.now(), uploadError: undefined });
}

export async function markUploadFailed(db: MailDb, id: string, name: string, error: unknown): Promise<void> {
  await db.outgoingBlobs.update(id, { uploadingSince: undefined, uploadError: uploadFailureWords(name, error) });
}
