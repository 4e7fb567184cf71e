/**
 * "This device" in words that add up (pure). The browser's estimate is the whole (what
 * the origin takes on disk, compressed); the mirror counts message text and attachments
 * as it writes them (uncompressed: the text of 1,498 messages was counted 4.2 MB in a
 * 3.7 MB origin). So the parts are shown as their share of the whole, never more than
 * it, with the rest (summaries, search index, the app) what is left; and how full the
 * message text's budget is, said as a share, in the budget's own units.
 */
import { bytesText, type StorageFigures } from './useStorage.ts';

export function storageWords(f: StorageFigures): string {
  const text = f.bodyBytes ?? 0;
  const files = f.blobBytes ?? 0;
  const budget =
    f.bodyBytes === undefined
      ? ''
      : ` Offline message text fills ${Math.min(100, Math.round((100 * text) / Math.max(1, f.bodyBudgetBytes)))}% of the ${bytesText(f.bodyBudgetBytes)} kept for it.`;
  if (f.used === undefined) return `Storage used: unknown.${budget}`;
  const of = f.quota !== undefined ? ` of ${bytesText(f.quota)} available` : '';
  if (f.bodyBytes === undefined) return `Storage used: ${bytesText(f.used)}${of}.${budget}`;
  // Counted before the browser compresses them: scaled to the whole when they exceed it.
  const scale = text + files > f.used ? f.used / (text + files) : 1;
  const shownText = text * scale;
  const shownFiles = files * scale;
  const rest = Math.max(0, f.used - shownText - shownFiles);
  const parts = [`message text ${bytesText(shownText)}`, `attachments ${bytesText(shownFiles)}`];
  if (rest >= 1024) parts.push(`summaries, search and the app ${bytesText(rest)}`);
  return `Storage used: ${bytesText(f.used)}${of} (${parts.join(', ')}).${budget}`;
}
