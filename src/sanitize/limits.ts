/**
 * Sizes above which a body is not rendered in the page. Sanitizing runs on the main
 * thread (DOMPurify needs the page's DOM; a worker has none), so the page is busy for
 * as long as it takes. Measured in Debian Chromium on the project's 2-core test machine
 * (e2e/hostile-MalformedMailRendersWithoutHanging): newsletter-style HTML sanitizes at
 * roughly 0.5 s per MB (1 MB ≈ 0.5 s, 5 MB ≈ 2.2 s, 10 MB ≈ 5 s), and a plain-text body
 * with many links renders at roughly 0.6 s per MB. 2 MB keeps the page busy about a
 * second; mail that big is almost always a forwarded attachment pasted inline (Gmail
 * already clips bodies past 102 KB).
 */
export const MAX_HTML_CHARS = 2_000_000;
export const MAX_TEXT_CHARS = 2_000_000;

/** Header values (subject, names, file names) are cut to this for display. */
export const MAX_HEADER_DISPLAY_CHARS = 998;

export function isTooLargeToRender(body: string, kind: 'html' | 'text'): boolean {
  return body.length > (kind === 'html' ? MAX_HTML_CHARS : MAX_TEXT_CHARS);
}
