/**
 * The page's own Trusted Types policies. The page's CSP (packages/app-origin/pagePolicy.ts)
 * requires Trusted Types for every DOM sink that takes markup or a script URL, and lets
 * only these two names (plus DOMPurify's own `dompurify`) make such values:
 * - `mail-frame`: the message frame's `srcdoc`. Invariant: its only caller is
 *   MessageFrame, with a document from buildFrameDocument (sanitized mail + the frame's
 *   CSP); nothing else in the app may assign markup.
 * - `app-script-url`: the app's own worker scripts: the service worker `/sw.js` and the
 *   build's hashed assets under /assets/ (the PDF renderer's worker). Anything else throws.
 * Each policy is created once per page (creating a name twice throws under the CSP).
 * Where the browser has no Trusted Types, the plain string is used as before.
 */

interface TrustedTypePolicyLike {
  createHTML(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createHTML?: (s: string) => string; createScriptURL?: (s: string) => string }): TrustedTypePolicyLike;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;

/**
 * The app's own scripts: the service worker, and the build's hashed assets on this origin
 * (the PDF renderer's worker is one). Nothing a mail carries can be such a URL: mail
 * bytes only ever become blob: URLs.
 */
function isOwnScript(url: string): boolean {
  if (url === '/sw.js') return true;
  return /^\/assets\/[\w.-]+\.m?js$/.test(url);
}

let frame: TrustedTypePolicyLike | null = null;
let scriptUrl: TrustedTypePolicyLike | null = null;

/** A frame document from buildFrameDocument, as the value `srcdoc` accepts. */
export function trustedFrameDocument(document: string): string {
  if (!factory) return document;
  frame ??= factory.createPolicy('mail-frame', { createHTML: (s) => s });
  // A TrustedHTML; typed as string because that is what the DOM's typings take.
  return frame.createHTML(document) as string;
}

/** One of the app's worker script URLs, as `serviceWorker.register` and `new Worker` take it. */
export function trustedScriptUrl(path: string): string {
  if (!isOwnScript(path)) throw new Error(`Not one of the app's own scripts: ${path}`);
  if (!factory) return path;
  scriptUrl ??= factory.createPolicy('app-script-url', {
    createScriptURL: (s) => {
      if (!isOwnScript(s)) throw new TypeError(`Not one of the app's own scripts: ${s}`);
      return s;
    },
  });
  return scriptUrl.createScriptURL(path) as string;
}
