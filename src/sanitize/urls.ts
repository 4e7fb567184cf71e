/**
 * URL policy for mail content. Everything here is a pure string function so it runs
 * (and is unit-tested) without a DOM.
 *
 * Why relative URLs are never loaded: the message is shown in a `srcdoc` frame, whose
 * base URL is the app's own page. A relative `<img src="/logout">` in a mail would
 * therefore be a request to the app's server, so relative references are dropped
 * rather than resolved.
 */

/** What a URL in a resource position (img src, CSS url(), poster...) would load. */
export type ResourceUrl =
  | { kind: 'remote'; url: string }
  | { kind: 'cid'; id: string }
  | { kind: 'inline'; url: string }
  | { kind: 'fragment'; url: string }
  | { kind: 'refused' };

/**
 * The URL as the browser's URL parser reads it (WHATWG URL: leading and trailing C0
 * controls and spaces are trimmed, tabs and newlines anywhere are removed), so
 * `java\tscript:` is seen as `javascript:` here exactly as it would be there.
 */
export function compactUrl(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 0x20) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 0x20) end--;
  return raw.slice(start, end).replace(/[\t\n\r]/g, '');
}

/** Raster images only: an SVG document as an image cannot run script, but keeping the
 * allowance to raster formats keeps the rule simple to audit. */
const RASTER_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)(?:;[a-z0-9=._+-]*)*(?:;base64)?,/i;

export function isRasterDataImage(url: string): boolean {
  return RASTER_DATA_IMAGE.test(compactUrl(url));
}

function schemeOf(url: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** Normalises a Content-ID as written in `cid:` URLs (RFC 2392: URL-encoded, no angle
 * brackets) or in a part's Content-ID header (`<id@host>`). */
export function normalizeContentId(raw: string): string {
  let id = raw.trim();
  if (id.startsWith('<') && id.endsWith('>')) id = id.slice(1, -1);
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed %-escape: keep the id as written; it simply will not match a part.
  }
  return id.trim();
}

export function classifyResourceUrl(raw: string): ResourceUrl {
  const url = compactUrl(raw);
  if (url === '') return { kind: 'refused' };
  if (url.startsWith('#')) return { kind: 'fragment', url };
  // Protocol-relative: the browser would use the page's scheme; mail means the web.
  if (url.startsWith('//')) return { kind: 'remote', url: 'https:' + url };
  const scheme = schemeOf(url);
  switch (scheme) {
    case 'http':
    case 'https':
      return { kind: 'remote', url };
    case 'cid':
      return { kind: 'cid', id: normalizeContentId(url.slice(4)) };
    case 'data':
      return isRasterDataImage(url) ? { kind: 'inline', url } : { kind: 'refused' };
    default:
      // No scheme (relative to the app's page), blob: not minted by us, javascript:,
      // file:, chrome:, ... all refused.
      return { kind: 'refused' };
  }
}

const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * The href a link in a mail may keep, or null. Only web, mail and phone links survive;
 * protocol-relative links become https. Fragment and relative links are dropped: they
 * would resolve against the app's page, not the sender's site.
 */
export function safeLinkHref(raw: string): string | null {
  const url = compactUrl(raw);
  if (url.startsWith('//')) return 'https:' + url;
  const scheme = schemeOf(url);
  if (scheme === null || !LINK_SCHEMES.has(scheme)) return null;
  if ((scheme === 'http' || scheme === 'https') && !/^https?:\/\/[^/?#\s]/i.test(url)) return null;
  return url;
}
