/**
 * The app page's hardening, in one place for every server that serves the app: the app
 * server, the demo server behind `npm start` (both through serveStatic), `vite preview`
 * (vite.config.ts), and the built index.html itself as a `<meta>` CSP, so the page the
 * service worker serves offline carries it too.
 *
 * Why each part:
 * - `script-src 'self'`: only the app's own files run; no inline script, no eval. A mail
 *   that got past the sanitizer and the frame still could not run a line.
 * - `require-trusted-types-for 'script'` with three named policies: the DOM's string
 *   sinks (innerHTML, srcdoc, script URLs) refuse plain strings; only DOMPurify's own
 *   policy, the message frame's srcdoc (src/ui/trustedTypes.ts) and the service
 *   worker's fixed URL can make the values they take.
 * - The message frame is a `srcdoc` frame, which inherits this policy: style, image,
 *   font and media sources stay as open as the frame's own CSP needs (inline styles of
 *   mail, remote images once the person allows them); the frame's CSP
 *   (src/sanitize/frameDocument.ts) is the one that keeps them closed until then.
 * - `object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`: no plugins, no
 *   base URL tricks, no other site framing the app (clickjacking).
 * - `Referrer-Policy: no-referrer`, a Permissions-Policy that turns off what a mail
 *   client never uses, `Cross-Origin-Opener-Policy: same-origin` (a page the app opens
 *   or that opens it cannot reach its window).
 *
 * Dev mode (`vite` with hot reload) differs: React's refresh preamble is an inline script,
 * so `npm run dev` sends the other headers but no CSP. Never loosen these for the app.
 */

/** Trusted Types policy names the page may create (besides nothing else). */
export const TRUSTED_TYPES_POLICIES = ['dompurify', 'mail-frame', 'app-script-url'] as const;

const directives: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' blob: data: https: http:"],
  ['font-src', "'self' data: https: http:"],
  ['media-src', "'self' blob: data: https: http:"],
  // A JMAP server of another origin that allows CORS may be signed in to directly (the
  // sign-in form takes any server); with no script able to run, this is not an exit.
  ['connect-src', "'self' https: http:"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['frame-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
  ['require-trusted-types-for', "'script'"],
  ['trusted-types', TRUSTED_TYPES_POLICIES.join(' ')],
];

/** Directives a `<meta>` CSP cannot carry (browsers ignore them there, with a warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export const PAGE_CSP = directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The same policy for `<meta http-equiv="Content-Security-Policy">`. */
export const PAGE_CSP_META = directives
  .filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'display-capture=()',
  'screen-wake-lock=()',
  'xr-spatial-tracking=()',
].join(', ');

/** Headers every answer that serves the app carries (its files, index.html, sw.js). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
};

/** The same minus CSP, for the dev server (see the note above). */
export const DEV_PAGE_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PAGE_HEADERS).filter(([name]) => name !== 'Content-Security-Policy'),
);
