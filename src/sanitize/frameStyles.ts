/**
 * Base styles of the message frame. They come before the mail's own <style> elements
 * (which sit in the body), so the mail's styling wins where it says something.
 *
 * Two pages: `.mail-auto` (the mail sets no colors) follows the system's light or dark
 * scheme; `.mail-paper` (the mail sets colors) stays light, because a mail that sets
 * dark text but no background would be unreadable on a dark page. Printed, both are light.
 */
export const FRAME_STYLES = `
html { overflow-y: hidden; overflow-x: auto; }
html.mail-paper { color-scheme: light; background: #fff; color: #1a1a1a; }
html.mail-auto { color-scheme: light dark; background: Canvas; color: CanvasText; }
body { margin: 0; padding: 12px 16px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: break-word; }
.mail-root { max-width: 60rem; }
img, video, svg { max-width: 100%; height: auto; }
table { max-width: 100%; }
pre, code { white-space: pre-wrap; }
blockquote { margin: 0.5em 0 0.5em 0.25em; padding-left: 0.75em; border-left: 3px solid #9aa4b2; }
details.mail-quote > summary { cursor: pointer; list-style: none; display: inline-block; margin: 0.5em 0; padding: 0 0.6em; border-radius: 0.8em; background: #e4e8ee; color: #3d4653; font-size: 13px; }
details.mail-quote > summary::-webkit-details-marker { display: none; }
details.mail-quote[open] .mail-quote-show, details.mail-quote:not([open]) .mail-quote-hide { display: none; }
@media (prefers-color-scheme: dark) {
  html.mail-auto a:link { color: #8ab4f8; }
  html.mail-auto a:visited { color: #c58af9; }
  html.mail-auto details.mail-quote > summary { background: #3a3f47; color: #d7dce3; }
}
@media print {
  html.mail-auto, html.mail-paper { color-scheme: light; background: #fff; color: #000; }
  html.mail-auto a:link, html.mail-auto a:visited { color: #1f5fbf; }
  html.mail-auto details.mail-quote > summary { background: #e4e8ee; color: #3d4653; }
}
`;
