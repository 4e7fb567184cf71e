/**
 * The document shown inside the message frame. Pure string building: no DOM.
 *
 * The CSP here is the second wall behind the sanitizer: with remote content blocked,
 * nothing may be fetched except our own `blob:` URLs (inline `cid:` parts) and `data:`
 * images, whatever markup slipped through. `default-src 'none'` also means no script,
 * no frames, no objects, no workers, and no connections, even if the frame's sandbox
 * were ever loosened by mistake.
 */
import { FRAME_STYLES } from './frameStyles.ts';

export interface FrameOptions {
  /** The person allowed remote content for this message or sender. */
  allowRemote: boolean;
  /** The mail paints its own colors: keep it on a light page even in dark mode. */
  declaresColors?: boolean;
}

export function frameContentSecurityPolicy(allowRemote: boolean): string {
  const remote = allowRemote ? ' https: http:' : '';
  return [
    "default-src 'none'",
    `img-src blob: data:${remote}`,
    `style-src 'unsafe-inline'${remote}`,
    `font-src data:${remote}`,
    `media-src blob: data:${remote}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Escapes text for a double-quoted HTML attribute value. */
function attributeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * `sanitizedHtml` must come from `sanitizeEmailHtml`: it is placed in the body as is.
 * `<base target="_blank">` sends every link to a new browsing context (never the frame
 * itself); links from the sanitizer carry rel="noopener noreferrer" on top.
 */
export function buildFrameDocument(sanitizedHtml: string, options: FrameOptions): string {
  const scheme = options.declaresColors ? 'light' : 'light dark';
  return (
    '<!doctype html><html class="' +
    (options.declaresColors ? 'mail-paper' : 'mail-auto') +
    '"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attributeText(frameContentSecurityPolicy(options.allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<meta name="color-scheme" content="${scheme}">` +
    '<base target="_blank">' +
    `<style>${FRAME_STYLES}</style>` +
    '</head><body>' +
    sanitizedHtml +
    '</body></html>'
  );
}
