import type { UploadStatus } from '../../outbox/index.ts';

/**
 * What the composer says beside a file about its upload (src/outbox uploads.ts). The
 * upload runs in the background worker with fetch, which reports no bytes sent, so the
 * progress is its stage, not a percentage. Bytes already on the server (forwarded) say nothing.
 */
export function uploadWords(status: UploadStatus | undefined, online: boolean): string | null {
  if (!status) return null;
  switch (status.state) {
    case 'waiting':
      return online ? 'Kept on this device; uploads with the next save' : 'Kept on this device; uploads once you are online';
    case 'uploading':
      return 'Uploading…';
    case 'uploaded':
      return 'Uploaded';
    case 'failed':
      return status.words;
  }
}
