/** What may be served on the app's origin, by every server that serves the app: see CONTEXT.md. */
export { DEV_PAGE_HEADERS, PAGE_CSP, PAGE_CSP_META, PAGE_HEADERS, TRUSTED_TYPES_POLICIES } from './pagePolicy.ts';
export { serveStatic } from './static.ts';
export { DOWNLOAD_DISPOSITION, FORCED_ANSWER_HEADERS, answerHeaders, bareMediaType, refusalBody, refusedTarget } from './jmap-guard.ts';
