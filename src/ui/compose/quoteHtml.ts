/**
 * The page's side of quoting HTML mail: made safe by src/sanitize (the one path mail HTML
 * takes; remote content left out), then cut down to what the editor offers, and its
 * text for the plain version (`> ` lines). Needs the page's DOM.
 */
import { sanitizeEmailHtml } from '../../sanitize/sanitizeEmailHtml.ts';
import { cleanOutgoingHtml, editorFragment, type QuoteSource } from './draft.ts';
import type { OriginalText } from './quote.ts';

const BLOCKS = new Set(['P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'PRE', 'TABLE', 'UL', 'OL', 'HR']);

function textOf(node: Node, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out.push((child.textContent ?? '').replace(/\s+/g, ' '));
    else if (child.nodeName === 'BR') out.push('\n');
    else {
      const block = BLOCKS.has(child.nodeName);
      if (block) out.push('\n');
      textOf(child, out);
      if (block) out.push('\n');
      else if (child.nodeName === 'TD' || child.nodeName === 'TH') out.push(' ');
    }
  }
}

/** Safe HTML as the plain text a person reads in it. */
export function textOfHtml(safeHtml: string): string {
  const out: string[] = [];
  textOf(editorFragment(safeHtml), out);
  return out
    .join('')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What prefill quotes: plain text as is; HTML made safe, with its text beside it. */
export function quoteSource(original: OriginalText): QuoteSource {
  if (!original.html) return { text: original.value, html: null };
  const html = cleanOutgoingHtml(sanitizeEmailHtml(original.value, { allowRemote: false, foldQuotes: false }).html);
  return { text: textOfHtml(html), html };
}
