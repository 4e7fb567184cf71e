/**
 * The characters that change how text reads without showing themselves, as regex
 * character-class bodies, so every place that guards text (header display, search
 * snippets, typed addresses) guards against the same set:
 * - bidi controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) reorder what follows:
 *   "invoice\u202Efdp.exe" reads as "invoiceexe.pdf";
 * - invisible formatting characters (soft hyphen U+00AD, Mongolian vowel separator U+180E,
 *   zero-width U+200B–U+200D, word joiner and invisible operators U+2060–U+2064, BOM U+FEFF)
 *   show nothing, so "pay\u200Bpal" reads as "paypal" while comparing as something else.
 */
export const BIDI_CONTROL_CHARS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
export const INVISIBLE_CHARS = '\\u00ad\\u180e\\u200b-\\u200d\\u2060-\\u2064\\ufeff';

/** Control characters and line separators: they could fake extra header lines. */
export const CONTROL_CHARS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';
