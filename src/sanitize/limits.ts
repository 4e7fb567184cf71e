/**
 * Sizes above which a body is not rendered in the page. Sanitizing runs on the main
 * thread (DOMPurify needs the page's DOM), so the page is busy for as long as it
 * takes; the caps keep that under about a second on a slow phone. Measured in Chromium
 * on this project's test machine (see e2e/hostile-*): see CONTEXT.md for the figures.
 */
export const MAX_HTML_CHARS = 5_000_000;
export const MAX_TEXT_CHARS = 5_000_000;

/** Header values (subject, names, file names) are cut to this for display. */
export const MAX_HEADER_DISPLAY_CHARS = 998;

export function isTooLargeToRender(body: string, kind: 'html' | 'text'): boolean {
  return body.length > (kind === 'html' ? MAX_HTML_CHARS : MAX_TEXT_CHARS);
}
