/**
 * The server's largest upload (the session's maxSizeUpload), told before a file is
 * attached: a file over it is refused in words at once, never queued to fail at send.
 * Read through the host, kept on the device for offline (src/store uploadLimitOf).
 */
import { uploadLimitOf } from '../../store/index.ts';
import { useKeptFigure } from './keptFigure.ts';

export function size(n: number): string {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Words for the files over the limit (null: every file fits, or the limit is not known yet). */
export function tooLarge(files: readonly { name: string; size: number }[], limit: number | null): string | null {
  if (!limit) return null;
  const over = files.filter((f) => f.size > limit);
  if (!over.length) return null;
  const which = over.map((f) => `“${f.name || 'pasted'}” (${size(f.size)})`).join(', ');
  return `${which} ${over.length === 1 ? 'is' : 'are'} larger than this server takes (${size(limit)} per file), so ${over.length === 1 ? 'it was' : 'they were'} not attached.`;
}

export function useUploadLimit(accountId: string): number | null {
  return useKeptFigure(accountId, uploadLimitOf(accountId), (s) => s.maxSizeUpload);
}
