/**
 * The mail profile handed to DOMPurify. DOMPurify's defaults already drop script,
 * event handlers, `javascript:` URLs, SVG `<use>`, `<animate>`, `<set>` and
 * `<foreignObject>`; the lists below add what a mail reader must refuse on top.
 */
import type { Config } from 'dompurify';

/**
 * Elements removed with everything inside them (their text would be noise or a trap:
 * a form's hidden fields, a noscript fallback, a template's inert markup).
 */
const FORBID_WITH_CONTENT = [
  'script',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'fencedframe',
  'select',
  'textarea',
  'option',
  'optgroup',
  'datalist',
  'title',
  'head',
  'math',
  'xmp',
  'noembed',
  'noframes',
  'plaintext',
];

/** Elements removed while their text content stays readable. */
const FORBID_KEEP_CONTENT = [
  'form',
  'input',
  'button',
  'output',
  'base',
  'meta',
  'link',
  'dialog',
  'slot',
  'feImage',
  'search',
  'selectedcontent',
];

export const FORBID_TAGS = [...FORBID_WITH_CONTENT, ...FORBID_KEEP_CONTENT];

/**
 * Attributes refused everywhere: form submission targets, `ping` (a request on click),
 * `download` (saves instead of opening), popover/command wiring (interactive without
 * script), and anything that would make the frame navigate or load a document.
 */
export const FORBID_ATTR = [
  'action',
  'formaction',
  'method',
  'enctype',
  'ping',
  'download',
  'srcdoc',
  'http-equiv',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'command',
  'commandfor',
  'autofocus',
  'integrity',
  'crossorigin',
  'nonce',
  'is',
  'xmlns',
  'usemap',
  'ismap',
  'inert',
  'accesskey',
  'contenteditable',
  'shadowroot',
  'shadowrootmode',
];

export const PURIFY_CONFIG: Config = {
  // HTML and SVG (with filters); no MathML: its namespace switches are a favourite
  // route for mutation XSS, and mail has no use for it.
  USE_PROFILES: { html: true, svg: true, svgFilters: true },
  FORBID_TAGS,
  ADD_FORBID_CONTENTS: FORBID_WITH_CONTENT,
  FORBID_ATTR,
  // A leading <style> (or the head of a whole mail document) stays in the body instead
  // of being lost in the discarded <head>; a <body bgcolor> merges onto the body.
  FORCE_BODY: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: true,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SAFE_FOR_XML: true,
  KEEP_CONTENT: true,
};

/** Attributes that load a resource (an image, a poster frame, a background). */
export const RESOURCE_ATTRIBUTES = ['src', 'poster', 'background'] as const;

/** Legacy presentational attributes that set colors (see `declaresColors`). */
export const COLOR_ATTRIBUTES = ['bgcolor', 'color', 'text'] as const;
