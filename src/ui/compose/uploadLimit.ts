/**
 * The server's largest upload (the session's maxSizeUpload), told before a file is
 * attached: a file over it is refused in words at once, never queued to fail at send.
 * Read through the host, kept on the device for offline (src/store uploadLimitOf).
 */
import { useEffect, useState } from 'react';
import { readSetting, uploadLimitOf, writeSetting } from '../../store/index.ts';
import { ask } from '../bridge/ask.ts';
import { mailDb } from '../data/db.ts';

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
  const [limit, setLimit] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const db = mailDb();
    void readSetting(db, uploadLimitOf(accountId)).then((kept) => live && kept && setLimit((l) => l ?? kept));
    void ask(accountId, 'session', {})
      .then(async ({ maxSizeUpload }) => {
        if (live) setLimit(maxSizeUpload);
        await writeSetting(db, uploadLimitOf(accountId), maxSizeUpload);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [accountId]);
  return limit;
}
