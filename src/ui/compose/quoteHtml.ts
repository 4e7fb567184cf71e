/**
 * The page's side of quoting HTML mail: made safe by src/sanitize (the one path mail HTML
 * takes; remote content left out), then cut down to what the editor offers, and its
 * text for the plain version (`> ` lines). Needs the page's DOM.
 */
import { whyNotRenderable } from '../../sanitize/limits.ts';
import { sanitizeEmailHtml } from '../../sanitize/sanitizeEmailHtml.ts';
import { cleanOutgoingHtml, editorFragment, type QuoteSource } from './draft.ts';
import type { OriginalText } from './quote.ts';

const BLOCKS = new Set(['P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'PRE', 'TABLE', 'UL', 'OL', 'HR']);

/** A node's text with a line per block; a blockquote's lines as `> ` lines. */
function textOf(node: Node, keepLineBreaks: boolean): string {
  const out: string[] = [];
  const space = keepLineBreaks ? /[^\S\n]+/g : /\s+/g;
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out.push((child.textContent ?? '').replace(space, ' '));
    else if (child.nodeName === 'BR') out.push('\n');
    else if (child.nodeName === 'BLOCKQUOTE') out.push(`\n${quoted(normalized(textOf(child, keepLineBreaks)))}\n`);
    else if (BLOCKS.has(child.nodeName)) out.push(`\n${textOf(child, keepLineBreaks)}\n`);
    else out.push(textOf(child, keepLineBreaks), child.nodeName === 'TD' || child.nodeName === 'TH' ? ' ' : '');
  }
  return out.join('');
}

const quoted = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

// Lines trimmed (the signature separator keeps its space, RFC 3676 §4.3), no more than one empty line.
const normalized = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.trim() === '--' ? '-- ' : l.trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');

/** Safe HTML as the plain text a person reads in it. */
export function textOfHtml(safeHtml: string): string {
  return normalized(textOf(editorFragment(safeHtml), false));
}

/** The rich editor's words as the plain-text version: quotes as `> ` lines (its text shows line breaks as typed). */
export function textOfEditor(editor: HTMLElement): string {
  return normalized(textOf(editor, true));
}

/**
 * What prefill quotes: plain text as is; HTML made safe, with its text beside it. HTML
 * the message view would refuse to render (too large, nested too deeply: the browser's
 * parser would hang the page) is not quoted; the words say why.
 */
export function quoteSource(original: OriginalText): QuoteSource {
  if (!original.html) return { text: original.value, html: null };
  const refused = whyNotRenderable(original.value, 'html');
  if (refused) return { text: `(The original message is not quoted: it is ${refused}.)`, html: null };
  const html = cleanOutgoingHtml(sanitizeEmailHtml(original.value, { allowRemote: false, foldQuotes: false }).html);
  return { text: textOfHtml(html), html };
}
