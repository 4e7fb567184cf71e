/** Public API of src/sanitize: see CONTEXT.md. */
export { sanitizeEmailHtml, type SanitizeOptions, type SanitizedHtml } from './sanitizeEmailHtml.ts';
export { buildFrameDocument, frameContentSecurityPolicy, type FrameOptions } from './frameDocument.ts';
export { parsePlainText, type TextBlock } from './plainText.ts';
export { linkify, linkHref, type TextSegment } from './linkify.ts';
export { decodeBytes, type DecodedText } from './charset.ts';
export { displayText, saveFileName, splitFileName, MAX_HEADER_DISPLAY_CHARS } from './displayText.ts';
export { whyNotRenderable, estimateNestingDepth, MAX_HTML_CHARS, MAX_TEXT_CHARS, MAX_NESTING_DEPTH } from './limits.ts';
export { splitLongRuns, MAX_UNBROKEN_RUN } from './longRuns.ts';
export { classifyResourceUrl, safeLinkHref, normalizeContentId } from './urls.ts';
export { senderDisplay, type SenderDisplay } from './senderDisplay.ts';
