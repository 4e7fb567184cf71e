/**
 * What may pass between the browser and a JMAP server that is put on the app's own origin:
 * by the app server's proxy (src/server/app/proxy.ts, in front of any server), by vite's
 * dev and preview proxies (vite.config.ts) and by the demo server (which serves
 * JMAP and the app together). Whatever a JMAP answer carries lands on the origin that
 * holds the person's mirror and unsent outbox, so the rules are:
 *
 * 1. A request whose path or query decodes to a control character is refused (400)
 *    before anything is forwarded. The app never sends one (src/jmap/blobs.ts cleans the
 *    download URL); servers copy URL text into headers (Cyrus 3.6 puts the download name
 *    into Content-Disposition with CR/LF intact: docs/servers/cyrus.md), so such a URL
 *    is a header injection waiting to happen, e.g. a link in a mail.
 * 2. Only the answer headers JMAP needs pass (PASSED_HEADERS). An allowlist, not a list
 *    of bad names, because the bad ones are the ones with origin-wide effect and browsers
 *    keep adding them: Set-Cookie/Set-Cookie2 (cookies on our origin), Clear-Site-Data
 *    (wipes the mirror and the outbox), Refresh (navigates), Link (preloads, and on some
 *    browsers stylesheets), Content-Security-Policy(-Report-Only), Report-To,
 *    Reporting-Endpoints, NEL (reports about our pages sent elsewhere, NEL for the whole
 *    origin and kept), Service-Worker-Allowed (widens a worker's scope),
 *    Origin-Agent-Cluster, Strict-Transport-Security, Alt-Svc (moves the whole origin to
 *    another host), Accept-CH/Critical-CH, Set-Login, Permissions-Policy, COOP/COEP,
 *    Access-Control-* (would let other sites read mail through us), Speculation-Rules,
 *    Timing-Allow-Origin, hop-by-hop headers. A mail server has no business setting any
 *    of them on the app's origin; a header missing from the allowlist costs nothing JMAP
 *    uses.
 * 3. Every answer is labelled so that, opened on its own in a tab, it can never be a
 *    document of our origin: `X-Content-Type-Options: nosniff`, a CSP `sandbox` (an opaque
 *    origin: no script, no cookies, no storage of ours) with `default-src 'none'`, and
 *    `Cross-Origin-Resource-Policy: same-origin`. Downloads (and any answer that is not
 *    JSON or an event stream) are also `Content-Disposition: attachment` with a constant
 *    name: the app names saved files itself (src/ui/conversation/partBlob.ts saveAs).
 *    JSON and event streams are read by fetch, which ignores all three.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** The path prefix of JMAP downloads on Cyrus, Stalwart, Fastmail and the demo server. */
export const DOWNLOAD_PREFIX = '/jmap/download/';

export const DOWNLOAD_DISPOSITION = 'attachment; filename="download"';
export const ANSWER_CSP = "sandbox; default-src 'none'";

/** Headers forced on every JMAP answer on the app's origin (rule 3). */
export const FORCED_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': ANSWER_CSP,
  'cross-origin-resource-policy': 'same-origin',
};

/** The upstream answer headers that reach the browser (rule 2); names in lower case. */
export const PASSED_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-range',
  'accept-ranges',
  'cache-control',
  'expires',
  'pragma',
  'last-modified',
  'etag',
  'age',
  'vary',
  'date',
  'location', // rewritten to our origin by the proxy when it points at the upstream
  'www-authenticate',
  'retry-after',
  'allow',
]);

const MAX_DECODE_ROUNDS = 3;

/** %XX escapes to the bytes they name (others left as they are), as a latin1 string. */
function percentDecodeOnce(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// C0 controls, DEL, and (once UTF-8 is decoded) C1 controls and the Unicode line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL_BYTE = /[\x00-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Why a request target (`req.url`: path and query) must be refused, or null when it is
 * fine (rule 1). Decoded up to three times, so a server that decodes twice is covered
 * too; `+` is not a control character in any decoding, so it is left alone.
 */
export function refusedTarget(target: string): string | null {
  let text = target;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    if (CONTROL_BYTE.test(text) || CONTROL_CHAR.test(Buffer.from(text, 'latin1').toString('utf8'))) {
      return 'The request was refused: its path or query holds a control character (such as CR, LF or NUL) once decoded. The app never sends one; a mail server could copy it into response headers.';
    }
    const next = percentDecodeOnce(text);
    if (next === text) return null;
    text = next;
  }
  return null;
}

/** The body of a refusal, as RFC 7807 problem details (what JMAP servers answer too). */
export function refusalBody(detail: string): string {
  return JSON.stringify({ type: 'about:blank', status: 400, title: 'Bad request', detail });
}

/** Whether an answer must be a download (rule 3): the download path, or anything that is
 * not JSON or an event stream (an upstream's HTML error page, say). */
export function mustBeAttachment(pathname: string, contentType: string | undefined): boolean {
  if (pathname.startsWith(DOWNLOAD_PREFIX)) return true;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return !(type === '' || type === 'text/event-stream' || type === 'application/json' || type.endsWith('+json'));
}

/** The headers of an upstream answer as they may reach the browser (rules 2 and 3). */
export function answerHeaders(upstream: IncomingHttpHeaders, pathname: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value !== undefined && PASSED_HEADERS.has(name.toLowerCase())) out[name.toLowerCase()] = value;
  }
  Object.assign(out, FORCED_ANSWER_HEADERS);
  const type = typeof out['content-type'] === 'string' ? out['content-type'] : undefined;
  if (mustBeAttachment(pathname, type)) out['content-disposition'] = DOWNLOAD_DISPOSITION;
  return out;
}

const TOKEN = '[a-z0-9][a-z0-9.+_-]{0,63}';
const BARE_TYPE = new RegExp(`^${TOKEN}/${TOKEN}$`);

/** A bare `type/subtype` of [a-z0-9.+_-], lower case, or undefined (for a download's ?accept=). */
export function bareMediaType(value: string | null | undefined): string | undefined {
  const bare = (value ?? '').slice(0, 256).split(';')[0]!.trim().toLowerCase();
  return BARE_TYPE.test(bare) ? bare : undefined;
}
