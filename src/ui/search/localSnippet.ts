/**
 * The matching words of a hit found on this device, shown as a server's SearchSnippet
 * is: a line of the message's own text (its body when kept, else its preview or
 * subject) around the first word that starts with a searched term, each such word
 * marked. The index matches word prefixes (and near spellings, which find no mark
 * here: then there is no snippet, and the row shows as before).
 */
import type { SnippetSegment } from './snippet.ts';

/** Characters of text shown around the first match. */
const WIDTH = 160;
/** Of those, how many come before it. */
const BEFORE = 40;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The searched words of a query's free text (quotes and operators already taken out). */
export function searchTerms(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[\s"]+/)
        .filter((t) => t.length > 0),
    ),
  ];
}

export function localSnippet(texts: readonly string[], terms: readonly string[]): SnippetSegment[] | undefined {
  if (terms.length === 0) return undefined;
  // A term starts a word: not preceded by a letter or digit of any script.
  const word = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join('|')})[\\p{L}\\p{N}]*`, 'giu');
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, ' ').trim();
    word.lastIndex = 0;
    const first = word.exec(text);
    if (!first) continue;
    let start = Math.max(0, first.index - BEFORE);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    const line = text.slice(start, start + WIDTH);
    const out: SnippetSegment[] = [];
    if (start > 0) out.push({ text: '…', marked: false });
    let at = 0;
    word.lastIndex = 0;
    for (let m = word.exec(line); m; m = word.exec(line)) {
      if (m.index > at) out.push({ text: line.slice(at, m.index), marked: false });
      out.push({ text: m[0], marked: true });
      at = m.index + m[0].length;
    }
    if (at < line.length) out.push({ text: line.slice(at), marked: false });
    if (start + WIDTH < text.length) out.push({ text: '…', marked: false });
    return out;
  }
  return undefined;
}
