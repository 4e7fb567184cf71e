/**
 * The one place email HTML is made safe. Runs in a page (DOMPurify needs a DOM; a
 * service worker has none). The output is meant for the message frame built by
 * `buildFrameDocument`, whose sandbox and CSP are the second wall: this function alone
 * must already leave nothing that runs script or loads a remote resource the person
 * has not allowed.
 */
import createDOMPurify from 'dompurify';
import { purifyTrustedTypes } from './trustedTypes.ts';
import { rewriteDeclarations, rewriteStyleSheet } from './cssRewrite.ts';
import { serializeCssString } from './cssUrls.ts';
import { COLOR_ATTRIBUTES, PURIFY_CONFIG, RESOURCE_ATTRIBUTES } from './policy.ts';
import { foldHtmlQuotes } from './htmlQuotes.ts';
import { breakLongRuns } from './htmlLongRuns.ts';
import { parseSrcset, serializeSrcset } from './srcset.ts';
import { classifyResourceUrl, compactUrl, normalizeContentId, safeLinkHref } from './urls.ts';

export interface SanitizeOptions {
  /** Load remote images, styles and fonts (the person chose "show images"). */
  allowRemote: boolean;
  /**
   * Content-ID (with or without angle brackets) -> a `blob:` URL the caller created for
   * that part. `cid:` references without an entry are dropped.
   */
  cidMap?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Fold quoted replies (blockquote type=cite, .gmail_quote) behind a toggle. Default true. */
  foldQuotes?: boolean;
}

export interface SanitizedHtml {
  /** Markup for the body of the message frame. */
  html: string;
  /** Remote resources (images, backgrounds, styles, fonts) left out because remote
   * content is not allowed. 0 when `allowRemote` was true. */
  blockedRemote: number;
  /** Content-IDs the HTML showed inline (a UI may leave them out of the attachment list). */
  usedContentIds: string[];
  /** The mail sets its own colors, so it is shown on the light page it was designed for. */
  declaresColors: boolean;
  /** Quoted blocks folded behind a toggle. */
  foldedQuotes: number;
  /** Elements and attributes DOMPurify removed (for diagnostics, not for display). */
  removedCount: number;
}

interface CallState {
  options: SanitizeOptions;
  cids: Map<string, string>;
  blockedRemote: number;
  usedContentIds: Set<string>;
  declaresColors: boolean;
  bodyTextColor: string | null;
}

function toCidMap(map: SanitizeOptions['cidMap']): Map<string, string> {
  const out = new Map<string, string>();
  if (!map) return out;
  const entries = map instanceof Map ? Array.from(map.entries()) : Object.entries(map);
  for (const [id, url] of entries) {
    // Only blob: URLs: these are the only local URLs the frame's CSP lets through.
    if (/^blob:/i.test(url)) out.set(normalizeContentId(id), url);
  }
  return out;
}

/** The URL to load for a resource, or null to leave it out. Counts what it blocks. */
function decideResource(state: CallState, raw: string): string | null {
  const target = classifyResourceUrl(raw);
  switch (target.kind) {
    case 'remote':
      if (state.options.allowRemote) return target.url;
      state.blockedRemote++;
      return null;
    case 'cid': {
      const url = state.cids.get(target.id) ?? state.cids.get(target.id.toLowerCase()) ?? null;
      if (url) state.usedContentIds.add(target.id);
      return url;
    }
    case 'inline':
    case 'fragment':
      return target.url;
    case 'refused':
      return null;
  }
}

const LINK_ELEMENTS = new Set(['a', 'area']);
const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

function policeLink(element: Element): void {
  const raw = element.getAttribute('href') ?? element.getAttributeNS(XLINK_NS, 'href');
  const href = raw === null ? null : safeLinkHref(raw);
  element.removeAttributeNS(XLINK_NS, 'href');
  if (href === null) {
    element.removeAttribute('href');
    element.removeAttribute('target');
    element.removeAttribute('rel');
    return;
  }
  element.setAttribute('href', href);
  element.setAttribute('target', '_blank');
  element.setAttribute('rel', 'noopener noreferrer');
}

/** Sets an attribute to the URL decided for it, or removes it when refused. */
function applyDecision(element: Element, name: string, value: string, decided: string | null): void {
  if (decided === null) element.removeAttribute(name);
  else if (decided !== value) element.setAttribute(name, decided);
}

/** A non-link `href` (SVG gradients, text paths, patterns) may only point inside the
 * message; SVG `<image>` is a resource like `<img>`. */
function decideReference(state: CallState, value: string, isImage: boolean): string | null {
  if (isImage) return decideResource(state, value);
  const url = compactUrl(value);
  return url.startsWith('#') ? url : null;
}

/** Presentation attributes (`fill="url(#g)"`, `filter=...`) are parsed as CSS: only
 * in-document references survive; an escape could hide a URL, so escapes go too. */
function policePresentationUrl(element: Element, name: string, value: string): void {
  const targets = Array.from(value.matchAll(/url\s*\(\s*['"]?\s*(.?)/gi), (match) => match[1]);
  if (value.includes('\\') || targets.some((first) => first !== '#')) element.removeAttribute(name);
}

function afterAttributes(state: CallState, element: Element): void {
  const tag = element.localName.toLowerCase();
  for (const name of RESOURCE_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) applyDecision(element, name, value, decideResource(state, value));
  }
  const srcset = element.getAttribute('srcset');
  if (srcset !== null) {
    const kept = parseSrcset(srcset).flatMap((candidate) => {
      const url = decideResource(state, candidate.url);
      return url === null ? [] : [{ ...candidate, url }];
    });
    if (kept.length === 0) element.removeAttribute('srcset');
    else element.setAttribute('srcset', serializeSrcset(kept));
  }
  if (LINK_ELEMENTS.has(tag)) {
    policeLink(element);
  } else {
    element.removeAttribute('target');
    const isImage = element.namespaceURI === SVG_NS && tag === 'image';
    const href = element.getAttribute('href');
    if (href !== null) applyDecision(element, 'href', href, decideReference(state, href, isImage));
    const xlink = element.getAttributeNS(XLINK_NS, 'href');
    if (xlink !== null) {
      const decided = decideReference(state, xlink, isImage);
      element.removeAttributeNS(XLINK_NS, 'href');
      // Kept as a plain `href` (SVG 2), so there is one attribute to reason about.
      if (decided !== null) element.setAttribute('href', decided);
    }
  }
  for (const attr of Array.from(element.attributes)) {
    if (attr.name === 'style' || attr.name === 'href') continue;
    if (/url\s*\(|\\/i.test(attr.value) && element.namespaceURI === SVG_NS) policePresentationUrl(element, attr.name, attr.value);
  }
  if (element.hasAttribute('style')) {
    const styled = element as HTMLElement;
    if (rewriteDeclarations(styled.style, (url) => decideResource(state, url))) state.declaresColors = true;
    // Written back in canonical form: the frame re-parses exactly what was checked.
    const css = styled.style.cssText;
    if (css === '') element.removeAttribute('style');
    else element.setAttribute('style', css);
  }
  for (const name of COLOR_ATTRIBUTES) if (element.hasAttribute(name)) state.declaresColors = true;
}

/** <style> is rewritten before DOMPurify's own checks see it: the CSS parser drops the
 * `<!-- -->` wrapper old mail puts around its sheets, which DOMPurify would otherwise
 * take for markup and remove the whole sheet. */
function rewriteStyleElement(state: CallState, element: Element): void {
  if (element.firstElementChild !== null) return; // markup inside <style>: DOMPurify removes it
  const result = rewriteStyleSheet(element.textContent ?? '', (url) => decideResource(state, url), state.options.allowRemote);
  if (result.declaresColors) state.declaresColors = true;
  element.textContent = result.css;
}

/** Moves the mail's <body> presentation onto a wrapper, so it survives as a div. */
function wrapBody(state: CallState, body: HTMLElement): HTMLElement {
  const doc = body.ownerDocument;
  const root = doc.createElement('div');
  root.className = 'mail-root';
  const style = root.style;
  const bodyStyle = body.getAttribute('style');
  if (bodyStyle) style.cssText = bodyStyle;
  const bgcolor = body.getAttribute('bgcolor');
  if (bgcolor && !style.backgroundColor) style.backgroundColor = bgcolor;
  if (state.bodyTextColor && !style.color) style.color = state.bodyTextColor;
  const background = body.getAttribute('background');
  if (background && !style.backgroundImage) style.setProperty('background-image', `url(${serializeCssString(background)})`);
  for (const name of ['dir', 'lang']) {
    const value = body.getAttribute(name);
    if (value) root.setAttribute(name, value);
  }
  while (body.firstChild) root.append(body.firstChild);
  return root;
}

export function sanitizeEmailHtml(html: string, options: SanitizeOptions): SanitizedHtml {
  const state: CallState = {
    options,
    cids: toCidMap(options.cidMap),
    blockedRemote: 0,
    usedContentIds: new Set(),
    declaresColors: false,
    bodyTextColor: null,
  };
  // A fresh instance per call: hooks close over this call's state, nothing is shared.
  const purify = createDOMPurify(window);
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && node.nodeType === Node.ELEMENT_NODE) rewriteStyleElement(state, node as Element);
  });
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    // <body text=...> is not an allowed attribute; its color is carried to the wrapper.
    if (node.localName === 'body' && data.attrName === 'text' && /^#?[a-z0-9]{1,20}$/i.test(data.attrValue.trim())) {
      state.bodyTextColor = data.attrValue.trim();
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => afterAttributes(state, node));
  // Null when the markup has no body at all: a <frameset> start tag early enough
  // replaces <body>. Framesets cannot be shown here; nothing is left to show.
  const body = purify.sanitize(html, { ...PURIFY_CONFIG, ...purifyTrustedTypes() }) as unknown as HTMLElement | null;
  const removedCount = purify.removed.length;
  const root = wrapBody(state, body ?? document.implementation.createHTMLDocument('').body);
  const foldedQuotes = options.foldQuotes === false ? 0 : foldHtmlQuotes(root);
  breakLongRuns(root);
  return {
    html: root.outerHTML,
    blockedRemote: state.blockedRemote,
    usedContentIds: Array.from(state.usedContentIds),
    declaresColors: state.declaresColors,
    foldedQuotes,
    removedCount,
  };
}
