/**
 * Invariants of a rendered message, checked on the live DOM after rendering (browser
 * side). Independent of whether a payload would "fire": a link left with a
 * `javascript:` href is a failure even though nobody clicked it.
 */
import { MESSAGE_FRAME_SANDBOX } from '../../../../src/ui/message/frameSandbox.ts';
import { frameContentSecurityPolicy } from '../../../../src/sanitize/index.ts';

const FORBIDDEN_IN_FRAME_BODY = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'base',
  'meta',
  'link',
  'math',
  'noscript',
  'template',
  'use',
  'feimage',
  'foreignobject',
  'animate',
  'set',
  'portal',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
  'dialog',
  'slot',
]);

const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'poster',
  'background',
  'action',
  'formaction',
  'data',
  'lowsrc',
  'dynsrc',
  'codebase',
]);

function urlOf(value: string): string {
  // As the WHATWG URL parser reads it.
  // eslint-disable-next-line no-control-regex
  const edges = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
  return value
    .replace(edges, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase();
}

function decodeCssEscapes(css: string): string {
  return css.replace(/\\([0-9a-f]{1,6}) ?|\\([^\n])/gi, (_, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd) : (char ?? ''),
  );
}

function checkResourceUrl(url: string, allowRemote: boolean): string | null {
  const u = urlOf(url);
  if (u.startsWith('blob:') || u.startsWith('#')) return null;
  if (/^data:image\/(png|gif|jpe?g|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)[;,]/.test(u)) return null;
  if (allowRemote && /^https?:\/\//.test(u)) return null;
  return `resource URL not allowed: ${url.slice(0, 120)}`;
}

export function inspectMessage(stage: HTMLElement, allowRemote: boolean): string[] {
  const problems: string[] = [];
  // Header fields are React text: only the elements the components make.
  for (const element of Array.from(stage.querySelectorAll('header *'))) {
    if (!['span', 'bdi', 'h2', 'div'].includes(element.localName)) problems.push(`header contains <${element.localName}>`);
    for (const attr of Array.from(element.attributes)) if (attr.name.startsWith('on')) problems.push(`header attribute ${attr.name}`);
  }
  for (const link of Array.from(stage.querySelectorAll('.msg-text a'))) {
    const href = link.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:)/i.test(href)) problems.push(`text link href ${href.slice(0, 80)}`);
    if (link.getAttribute('rel') !== 'noopener noreferrer' || link.getAttribute('target') !== '_blank')
      problems.push('text link without target/rel');
  }
  const frames = Array.from(stage.querySelectorAll('iframe'));
  for (const frame of frames) {
    if (frame.getAttribute('sandbox') !== MESSAGE_FRAME_SANDBOX) problems.push(`frame sandbox is "${frame.getAttribute('sandbox')}"`);
    if (/allow-scripts/.test(frame.getAttribute('sandbox') ?? '')) problems.push('frame allows scripts');
    const doc = frame.contentDocument;
    if (!doc) {
      problems.push('frame document not readable');
      continue;
    }
    const metas = Array.from(doc.head.querySelectorAll('meta'));
    const csp = metas.find((m) => m.httpEquiv.toLowerCase() === 'content-security-policy');
    if (!csp || csp.content !== frameContentSecurityPolicy(allowRemote)) problems.push(`frame CSP is "${csp?.content}"`);
    if (doc.head.querySelectorAll('meta').length !== 4 || doc.head.querySelectorAll('base').length !== 1)
      problems.push('frame <head> was changed');
    const base = doc.querySelector('base');
    if (base?.hasAttribute('href')) problems.push('base has href');
    for (const element of Array.from(doc.body.querySelectorAll('*'))) {
      const name = element.localName.toLowerCase();
      if (FORBIDDEN_IN_FRAME_BODY.has(name)) problems.push(`frame body contains <${name}>`);
      if (element.namespaceURI === 'http://www.w3.org/1998/Math/MathML') problems.push('MathML element');
      for (const attr of Array.from(element.attributes)) {
        const attrName = attr.name.toLowerCase();
        if (attrName.startsWith('on')) problems.push(`<${name} ${attrName}>`);
        if (attrName === 'srcdoc' || attrName === 'formaction' || attrName === 'http-equiv' || attrName === 'ping')
          problems.push(`<${name} ${attrName}>`);
        const value = attr.value;
        if (/^\s*(javascript|vbscript|data:text|livescript)/i.test(urlOf(value)) && URL_ATTRIBUTES.has(attrName))
          problems.push(`<${name} ${attrName}="${value.slice(0, 60)}">`);
        if (attrName === 'style') {
          // Escapes decoded first, so `\75 rl(` is seen as the url( it is.
          const css = decodeCssEscapes(value);
          for (const match of css.matchAll(/url\(\s*["']?([^"')]*)/gi)) {
            const problem = checkResourceUrl(match[1] ?? '', allowRemote);
            if (problem) problems.push(`style: ${problem}`);
          }
          if (/expression\s*\(|@import/i.test(css)) problems.push(`style with expression/@import: ${value.slice(0, 80)}`);
        }
        const isLink = (name === 'a' || name === 'area') && (attrName === 'href' || attrName === 'xlink:href');
        if (!isLink && ['src', 'poster', 'background', 'href', 'xlink:href'].includes(attrName)) {
          const problem = checkResourceUrl(value, allowRemote);
          if (problem) problems.push(`<${name} ${attrName}>: ${problem}`);
        }
        if (attrName === 'srcset') {
          for (const part of value.split(/,\s+/)) {
            const problem = checkResourceUrl(part.trim().split(/\s+/)[0] ?? '', allowRemote);
            if (problem) problems.push(`srcset: ${problem}`);
          }
        }
      }
      if ((name === 'a' || name === 'area') && element.hasAttribute('href')) {
        const href = urlOf(element.getAttribute('href') ?? '');
        if (!/^(https?:|mailto:|tel:)/.test(href)) problems.push(`link href ${href.slice(0, 80)}`);
        if (element.getAttribute('target') !== '_blank' || element.getAttribute('rel') !== 'noopener noreferrer')
          problems.push('link without target=_blank rel="noopener noreferrer"');
      }
      if (name === 'style' && !allowRemote && /@import|url\(\s*"?\s*(https?:|\/\/)/i.test(element.textContent ?? '')) {
        problems.push(`style sheet still loads remote: ${(element.textContent ?? '').slice(0, 120)}`);
      }
    }
  }
  return problems;
}
