/**
 * Resolving the session's URLs. Servers send them in different forms:
 * - Cyrus: relative paths ("/jmap/download/{accountId}/{blobId}/{name}?accept={type}")
 *   and a WebSocket URL "wss:/jmap/ws/" (scheme, no host) that `new URL()` misparses as
 *   host "jmap" (cyrus#4983);
 * - Stalwart/James: absolute URLs built from a configured public URL, which names the
 *   wrong host behind a proxy (James' default is http://localhost).
 * Templates must keep their `{variables}`: `new URL()` would percent-encode the braces,
 * so resolution here is done on strings.
 */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The origin ("https://host:port") of an absolute http(s)/ws(s) URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Whether the server is reached through this page's (or worker's) own origin: the app's
 * same-origin proxy, whose upstream names its own host in the session. Only then are the
 * session's absolute URLs pointed back here; a server reached directly (CORS) may serve
 * downloads from another host on purpose (Fastmail: www.fastmailusercontent.com).
 */
export function reachedThroughHere(serverUrl: string, here: string | undefined = globalThis.location?.origin): boolean {
  return here !== undefined && originOf(serverUrl) === here;
}

/**
 * Resolves `ref` (possibly a URI template) against the absolute URL `base`, leaving
 * template expressions untouched. Handles absolute, scheme-relative ("//h/p"),
 * host-less ("wss:/p"), root-relative ("/p") and path-relative ("p", "./p", "../p") forms.
 */
export function resolveUrl(ref: string, base: string): string {
  const b = new URL(base);
  const scheme = SCHEME.exec(ref);
  if (scheme) {
    const rest = ref.slice(scheme[0].length);
    if (rest.startsWith('//')) return ref;
    // "wss:/jmap/ws/": a scheme with a path but no authority; take the host from base.
    const path = rest.startsWith('/') ? rest : `/${rest}`;
    return `${scheme[1]!.toLowerCase()}://${b.host}${path}`;
  }
  if (ref.startsWith('//')) return `${b.protocol}${ref}`;
  if (ref.startsWith('/')) return `${b.origin}${ref}`;
  if (ref.startsWith('?')) return `${b.origin}${b.pathname}${ref}`;
  const dir = b.pathname.slice(0, b.pathname.lastIndexOf('/') + 1);
  const segments = dir.split('/').slice(1, -1);
  let rel = ref;
  for (;;) {
    if (rel.startsWith('./')) rel = rel.slice(2);
    else if (rel.startsWith('../')) {
      segments.pop();
      rel = rel.slice(3);
    } else break;
  }
  const prefix = segments.length ? `/${segments.join('/')}/` : '/';
  return `${b.origin}${prefix}${rel}`;
}

/**
 * Points an absolute URL at `origin` instead of the host the server named, keeping path,
 * query and template expressions. ws/wss URLs follow the origin's security (http -> ws,
 * https -> wss).
 */
export function rewriteToOrigin(url: string, origin: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/[^/?#]*/i.exec(url);
  if (!m) return url;
  const o = new URL(origin);
  const scheme = m[1]!.toLowerCase();
  const secure = o.protocol === 'https:';
  const newScheme = scheme === 'ws' || scheme === 'wss' ? (secure ? 'wss' : 'ws') : o.protocol.slice(0, -1);
  return `${newScheme}://${o.host}${url.slice(m[0].length)}`;
}

/** Appends query parameters to a URL that may already have a query. */
export function appendQuery(url: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%2A/g, '*').replace(/%2C/g, ',')}`)
    .join('&');
  if (!query) return url;
  const hash = url.indexOf('#');
  const [head, frag] = hash >= 0 ? [url.slice(0, hash), url.slice(hash)] : [url, ''];
  const sep = head.includes('?') ? (head.endsWith('?') || head.endsWith('&') ? '' : '&') : '?';
  return `${head}${sep}${query}${frag}`;
}
