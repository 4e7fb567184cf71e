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
  /** Not sent: the URL's {name} is always DOWNLOAD_NAME (see below). Callers name the
   * bytes themselves when they save them. */
  name?: string;
  /** MIME type the server should label the bytes with; only `downloadType(type)` of it is sent. */
  type?: string;
  accountId?: Id;
  signal?: AbortSignal;
}

/*
 * Why the download URL never carries a mail's own text: the name and type callers have
 * are a part's `name` and `type`, chosen by whoever sent the mail, and servers copy the
 * URL's {name} and {type} into response headers. Cyrus 3.6 puts the decoded {name} into
 * Content-Disposition and {type} into Content-Type without escaping CR/LF, so a file
 * name "x%0D%0ASet-Cookie: ..." became a header of its own on the app's origin
 * (docs/servers/cyrus.md). So {name} is a constant, and {type} only a bare type/subtype
 * token; the real file name is applied by the app when it saves the bytes.
 */

/** The {name} of every download URL. */
export const DOWNLOAD_NAME = 'download';

const TOKEN = '[a-z0-9][a-z0-9.+_-]{0,63}';
const BARE_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/** The {type} put in a download URL: a lower-case `type/subtype` (no parameters) made only
 * of [a-z0-9.+_-], else application/octet-stream. */
export function downloadType(type: string | null | undefined): string {
  const bare = (type ?? '').slice(0, 256).split(';')[0]!.trim().toLowerCase();
  return BARE_TYPE.test(bare) ? bare : 'application/octet-stream';
}

/** The URL a blob is downloaded from (the one place it is built). */
export function downloadUrlFor(template: string, accountId: Id, blobId: Id, type?: string): string {
  return expandTemplate(template, { accountId, blobId, name: DOWNLOAD_NAME, type: downloadType(type) });
}

export async function downloadBlob(ctx: BlobContext, accountId: Id, blobId: Id, opts: DownloadOptions = {}): Promise<Blob> {
  const url = downloadUrlFor(ctx.downloadUrl, accountId, blobId, opts.type);
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
