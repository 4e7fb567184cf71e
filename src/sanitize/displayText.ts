/**
 * Header text for display (subject, sender name, attachment file name). React renders
 * it as text, so it cannot become markup; this guards what text alone can still do:
 * - bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) can make
 *   "invoice\u202Efdp.exe" read as "invoiceexe.pdf": removed;
 * - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are invisible, so
 *   "pay\u200Bpal" reads as "paypal" while comparing as something else: removed;
 * - control characters and line breaks could fake extra header lines: made spaces;
 * - a 1 MB header line would cost layout time for nothing: cut with an ellipsis.
 */
import { MAX_HEADER_DISPLAY_CHARS } from './limits.ts';

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

export function displayText(value: string | null | undefined, maxChars = MAX_HEADER_DISPLAY_CHARS): string {
  if (!value) return '';
  // Cut first (with slack for what is removed below), so a huge value is never
  // scanned by the regexes in full.
  let text = value.length > maxChars * 2 ? value.slice(0, maxChars * 2) : value;
  text = text.replace(BIDI, '').replace(ZERO_WIDTH, '').replace(CONTROLS, ' ').replace(/\s{2,}/g, ' ').trim();
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
