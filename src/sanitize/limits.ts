/**
 * What the page refuses to render, and why. Sanitizing and layout run on the page's
 * main thread (DOMPurify needs the page's DOM; a worker has none; the frame is
 * same-origin, so its layout shares the page's renderer), so the page is busy for as
 * long as they take. Measured in Debian Chromium on the project's 2-core test machine
 * (e2e/hostile-MalformedMailRendersWithoutHanging prints the figures):
 * - newsletter-style HTML sanitizes at roughly 0.3–0.5 s per MB (10 MB ≈ 3–5 s), and a
 *   plain-text body with many links renders at about 1.3 s per MB;
 * - Chromium's own HTML parser is quadratic in nesting depth (10,000 nested <div>s take
 *   0.3 s to parse, 20,000 take 1 s, 100,000 take 24 s), whatever we do after it.
 * 2 MB keeps the page busy about a second; mail that big is almost always a forwarded
 * attachment pasted inline (Gmail already clips bodies past 102 KB).
 */
export const MAX_HTML_CHARS = 2_000_000;
export const MAX_TEXT_CHARS = 2_000_000;
/** Real mail nests a few dozen levels; 4,000 levels parse in about 65 ms. */
export const MAX_NESTING_DEPTH = 4_000;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
  'frame',
  'basefont',
  'bgsound',
  'image',
]);
/** Closed implicitly by the parser (a new <p> closes the open one): no depth. */
const SELF_CLOSING_BY_PARSER = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'rtc',
  'tbody',
  'thead',
  'tfoot',
  'caption',
  'colgroup',
  'html',
  'head',
  'body',
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/**
 * An estimate of how deep the parser's stack of open elements gets, in one linear scan
 * (no parsing). Approximate on purpose — tags inside attribute values are counted, for
 * instance — and only compared with a limit far above real mail, so an error either
 * way does not change what a real message looks like.
 */
export function estimateNestingDepth(html: string): number {
  const tag = /<!--|<(\/?)([a-zA-Z][^\s/>]*)/g;
  let depth = 0;
  let max = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(html)) !== null) {
    if (match[0] === '<!--') {
      const end = html.indexOf('-->', tag.lastIndex);
      if (end < 0) break;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = (match[2] ?? '').toLowerCase();
    const closing = match[1] === '/';
    const end = html.indexOf('>', tag.lastIndex);
    if (end < 0) break;
    if (closing) {
      if (!VOID.has(name) && !SELF_CLOSING_BY_PARSER.has(name)) depth = Math.max(0, depth - 1);
    } else if (RAW_TEXT.has(name)) {
      const closer = new RegExp('</' + name, 'gi');
      closer.lastIndex = end;
      tag.lastIndex = closer.exec(html)?.index ?? html.length;
      continue;
    } else if (!VOID.has(name) && !SELF_CLOSING_BY_PARSER.has(name) && html[end - 1] !== '/') {
      depth++;
      if (depth > max) max = depth;
    }
    tag.lastIndex = end + 1;
  }
  return max;
}

/**
 * Null when the body can be rendered, else why not, as words that complete "This
 * message is ...".
 */
export function whyNotRenderable(body: string, kind: 'html' | 'text'): string | null {
  const max = kind === 'html' ? MAX_HTML_CHARS : MAX_TEXT_CHARS;
  if (body.length > max) return `too large to show safely (${(body.length / 1_000_000).toFixed(1)} MB)`;
  if (kind === 'html' && estimateNestingDepth(body) > MAX_NESTING_DEPTH) {
    return `nested too deeply to show safely (more than ${MAX_NESTING_DEPTH.toLocaleString('en')} levels)`;
  }
  return null;
}
