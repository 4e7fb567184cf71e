/**
 * Header text for display (subject, sender name, attachment file name). React renders
 * it as text, so it cannot become markup; this guards what text alone can still do:
 * - bidi controls and invisible characters (invisible.ts) are removed;
 * - control characters and line breaks could fake extra header lines: made spaces;
 * - a 1 MB header line would cost layout time for nothing: cut with an ellipsis.
 */
import { BIDI_CONTROL_CHARS, CONTROL_CHARS, INVISIBLE_CHARS } from './invisible.ts';

/**
 * Header values (subject, names, file names) are cut to this for display. Here, not in
 * limits.ts: the list's rows show header text, and limits.ts's scanners are not needed
 * for that (a module on the start path brings all of itself into the first download).
 */
export const MAX_HEADER_DISPLAY_CHARS = 998;
const CONTROLS = new RegExp(`[${CONTROL_CHARS}]+`, 'g');
const HIDDEN = new RegExp(`[${BIDI_CONTROL_CHARS}${INVISIBLE_CHARS}]`, 'g');

/**
 * The same guards for a run of text inside a line (a search snippet between two
 * highlights): spacing is kept at its ends and nothing is cut, the caller does.
 */
export function inlineText(value: string): string {
  return value
    .replace(HIDDEN, '')
    .replace(CONTROLS, ' ')
    .replace(/\s{2,}/g, ' ');
}

export function displayText(value: string | null | undefined, maxChars = MAX_HEADER_DISPLAY_CHARS): string {
  if (!value) return '';
  // Cut first (with slack for what is removed below), so a huge value is never
  // scanned by the regexes in full.
  let text = value.length > maxChars * 2 ? value.slice(0, maxChars * 2) : value;
  text = inlineText(text).trim();
  if (text.length > maxChars || value.length > maxChars * 2) {
    // Never cut a surrogate pair in half.
    let end = Math.min(maxChars, text.length);
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
    text = text.slice(0, end).trimEnd() + '…';
  }
  return text;
}

/** A file name split so the UI can show the extension apart: a long name cannot push
 * ".exe" out of sight behind an ellipsis. The extension is taken from the end of the
 * raw name, so even a name cut for length keeps it. */
export function splitFileName(name: string | null | undefined): { stem: string; extension: string } {
  const raw = name ?? '';
  const dot = raw.lastIndexOf('.');
  const extension = dot > 0 && raw.length - dot <= 16 ? displayText(raw.slice(dot), 16) : '';
  if (extension.length < 2 || /\s/.test(extension)) return { stem: displayText(raw, 120), extension: '' };
  return { stem: displayText(raw.slice(0, dot), 120), extension };
}

/** The name a file from a mail is saved under: the name shown (`splitFileName`, so no
 * bidi tricks or control characters, and the extension kept when long names are cut),
 * without path separators or characters file systems refuse, never hidden (no leading
 * dot) and never empty. */
export function saveFileName(name: string | null | undefined, fallback = 'attachment'): string {
  const { stem, extension } = splitFileName(name);
  const clean = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '_');
  const saved = (clean(stem) + clean(extension)).replace(/^[\s.]+/, '').trim();
  return saved || fallback;
}
