/**
 * Binary data (RFC 8620 §6): upload by POSTing bytes to uploadUrl, download through the
 * downloadUrl template. Bytes are passed through untouched (no text decoding), so round
 * trips are byte-exact.
 */
import { TooLargeError, HttpError, ProtocolError } from './errors.ts';
import { errorForStatus, exchange, type FetchLike } from './http.ts';
import type { Limiter } from './limiter.ts';
import { checkUploadResponse } from './response-guards.ts';
import { expandTemplate } from './template.ts';
import type { UploadResponse } from './wire/blob.ts';
import type { Id } from './wire/core.ts';

export type UploadData = Blob | ArrayBuffer | Uint8Array | string;

export interface BlobContext {
  fetch: FetchLike;
  authorization: string;
  uploadUrl: string;
  downloadUrl: string;
  maxSizeUpload: number;
  timeoutMs: number;
  uploadLimiter: Limiter;
  downloadLimiter: Limiter;
}

export function byteLength(data: UploadData): number {
  if (typeof data === 'string') return new TextEncoder().encode(data).length;
  if (data instanceof Blob) return data.size;
  return data.byteLength;
}

export async function uploadBlob(
  ctx: BlobContext,
  accountId: Id,
  data: UploadData,
  type: string,
  signal?: AbortSignal,
): Promise<UploadResponse> {
  const size = byteLength(data);
  if (size > ctx.maxSizeUpload) throw new TooLargeError(size, ctx.maxSizeUpload);
  const url = expandTemplate(ctx.uploadUrl, { accountId });
  const body: BodyInit = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
  const ex = await ctx.uploadLimiter.run(() =>
    exchange(ctx.fetch, url, {
      method: 'POST',
      headers: { Authorization: ctx.authorization, 'Content-Type': type || 'application/octet-stream', Accept: 'application/json' },
      body,
      signal,
      timeoutMs: ctx.timeoutMs,
      read: 'text',
    }),
  );
  if (ex.status === 413) throw new TooLargeError(size, ctx.maxSizeUpload);
  if (ex.status < 200 || ex.status >= 300) throw errorForStatus(ex, url, 'upload');
  let raw: unknown;
  try {
    raw = JSON.parse(ex.text);
  } catch {
    throw new ProtocolError('the upload answer is not JSON', url);
  }
  const res = checkUploadResponse(raw, url);
  if (res.size !== size) throw new ProtocolError(`the server stored ${res.size} bytes of an upload of ${size}`, url);
  return res;
}

export interface DownloadOptions {
  /** File name put in the URL (servers use it for Content-Disposition). */
  name?: string;
  /** MIME type the server should label the bytes with. */
  type?: string;
  accountId?: Id;
  signal?: AbortSignal;
}

export async function downloadBlob(ctx: BlobContext, accountId: Id, blobId: Id, opts: DownloadOptions = {}): Promise<Blob> {
  const url = expandTemplate(ctx.downloadUrl, {
    accountId,
    blobId,
    name: opts.name ?? 'download',
    type: opts.type ?? 'application/octet-stream',
  });
  const ex = await ctx.downloadLimiter.run(() =>
    exchange(ctx.fetch, url, {
      headers: { Authorization: ctx.authorization },
      signal: opts.signal,
      timeoutMs: ctx.timeoutMs,
      read: 'blob',
    }),
  );
  if (ex.status < 200 || ex.status >= 300) throw errorForStatus(ex, url, 'download');
  if (!ex.blob) throw new HttpError(ex.status, url, undefined, 'download');
  return ex.blob;
}
