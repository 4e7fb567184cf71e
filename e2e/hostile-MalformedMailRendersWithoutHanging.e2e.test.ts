/**
 * Malformed and oversized mail: every case renders, or says it cannot, and the page
 * answers a trivial script right after. Time bounds are loose (this is a correctness
 * test, not a benchmark); the measured figures are printed as JSON lines.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HostileSession } from '../testing/browser/hostile/session.ts';

let session: HostileSession;

beforeAll(async () => {
  session = await HostileSession.start();
});
afterAll(async () => {
  await session?.stop();
});

function report(figures: Record<string, unknown>): void {
  console.log(JSON.stringify({ figure: 'hostile-mail', ...figures }));
}

/** Newsletter-shaped HTML: tables, inline styles, remote images and backgrounds, links. */
function newsletter(chars: number): string {
  const block =
    '<table width="600" style="border:1px solid #ccc;background:url(http://remote.test/bg.png)"><tr>' +
    '<td style="padding:8px;color:#333;font-family:Arial"><img src="http://remote.test/img.png" width="50" height="50" alt="x">' +
    '<a href="https://example.com/track?id=1">Link text here</a><p class="x">Lorem ipsum dolor sit amet, consectetur ' +
    'adipiscing elit, sed do eiusmod tempor.</p></td></tr></table>\n';
  return '<style>.x{color:#222;font-size:14px}</style>' + block.repeat(Math.ceil(chars / block.length));
}

async function expectResponsive(): Promise<void> {
  expect(await session.isResponsive(5_000)).toBe(true);
}

it('measures sanitizing a 100 KB and a 10 MB HTML body in Chromium', async () => {
  const small = newsletter(100_000);
  await session.timeSanitize(small); // warm-up: first-call compilation is not the steady state
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await session.timeSanitize(small));
  const median = runs.map((r) => r.sanitizeMs).sort((a, b) => a - b)[2] ?? NaN;
  const large = await session.timeSanitize(newsletter(10_000_000));
  report({
    case: 'sanitize-100KB',
    chars: small.length,
    medianMs: Math.round(median),
    runsMs: runs.map((r) => Math.round(r.sanitizeMs)),
    blockedRemote: runs[0]?.blockedRemote,
  });
  report({
    case: 'sanitize-10MB',
    chars: large.chars,
    ms: Math.round(large.sanitizeMs),
    frameDocumentMs: Math.round(large.frameDocumentMs),
    blockedRemote: large.blockedRemote,
  });
  expect(median).toBeLessThan(2_000);
  expect(large.sanitizeMs).toBeLessThan(60_000);
  expect(large.blockedRemote).toBeGreaterThan(10_000);
  await expectResponsive();
});

it('does not try to render a 10 MB HTML body: it offers the download instead, at once', async () => {
  const html = newsletter(10_000_000);
  const seen = await session.observe(() => session.render({ html }));
  report({ case: 'render-10MB-html', kind: seen.result.info.kind, renderMs: Math.round(seen.result.renderMs) });
  expect(seen.result.info.kind).toBe('too-large');
  expect(seen.result.visibleText).toContain('too large to show safely (10.0 MB)');
  expect(seen.result.renderMs).toBeLessThan(5_000);
  expect(seen.counters.remoteRequests).toBe(0);
  await expectResponsive();
});

it('shows the plain-text version when the HTML is too large', async () => {
  const seen = await session.render({ html: newsletter(10_000_000), text: 'The plain version.' });
  expect(seen.info.kind).toBe('text');
  expect(seen.visibleText).toContain('too large to show safely');
  expect(seen.visibleText).toContain('The plain version.');
  await expectResponsive();
});

it('renders an HTML body just under the cap', async () => {
  const html = newsletter(1_900_000);
  const seen = await session.observe(() => session.render({ html }));
  report({
    case: 'render-1.9MB-html',
    renderMs: Math.round(seen.result.renderMs),
    sanitizeMs: Math.round(seen.result.info.sanitizeMs),
    heightPx: seen.result.info.heightPx,
  });
  expect(seen.result.info.kind).toBe('html');
  expect(seen.result.violations).toEqual([]);
  expect(seen.counters.remoteRequests + seen.counters.offOrigin).toBe(0);
  expect(seen.result.renderMs).toBeLessThan(30_000);
  await expectResponsive();
});

it('renders 1 MB header lines as short text', async () => {
  const line = 'Subject-ish '.repeat(90_000); // ~1 MB
  const seen = await session.observe(() =>
    session.render({ subject: line, senderName: line, senderEmail: 'a@example.com', attachmentName: line + '.pdf', text: 'body' }),
  );
  report({ case: 'render-1MB-headers', renderMs: Math.round(seen.result.renderMs) });
  const subject = await session.page.locator('.fx-subject').textContent();
  expect(subject?.length).toBeLessThanOrEqual(999);
  expect(subject?.endsWith('…')).toBe(true);
  expect(await session.page.locator('.msg-attachment-ext').textContent()).toBe('.pdf');
  expect(seen.result.renderMs).toBeLessThan(5_000);
  await expectResponsive();
});

it('renders a 1 MB word without spaces, in HTML and in plain text, without freezing layout', async () => {
  // Unbroken, this takes Chromium 50–95 s to wrap (see src/sanitize/longRuns.ts).
  const word = 'A'.repeat(1_000_000);
  const html = await session.render({ html: '<p>' + word + '</p><p>end</p>' });
  report({ case: 'render-1MB-word-html', renderMs: Math.round(html.renderMs), sanitizeMs: Math.round(html.info.sanitizeMs) });
  expect(html.info.kind).toBe('html');
  expect(html.visibleText).toMatch(/^A{1000}/);
  expect(html.renderMs).toBeLessThan(15_000);
  await expectResponsive();
  const text = await session.render({ text: 'Look: ' + word + ' end' });
  report({ case: 'render-1MB-word-text', renderMs: Math.round(text.renderMs) });
  expect(text.info.kind).toBe('text');
  expect(text.renderMs).toBeLessThan(15_000);
  await expectResponsive();
});

it('renders 200-level nested markup of every common kind', async () => {
  const nest = (open: string, close: string, depth: number, inner: string) => open.repeat(depth) + inner + close.repeat(depth);
  const cases = {
    div: nest('<div style="padding-left:1px">', '</div>', 200, 'DEEP-DIV'),
    quote: '<p>top</p>' + nest('<blockquote type="cite">', '</blockquote>', 200, 'DEEP-QUOTE'),
    table: nest('<table><tr><td>', '</td></tr></table>', 200, 'DEEP-TABLE'),
    inline: nest('<span><b><i><font color="red">', '</font></i></b></span>', 200, 'DEEP-INLINE'),
    svg: '<svg width="50" height="50">' + nest('<g>', '</g>', 200, '<text y="20">DEEP-SVG</text>') + '</svg>',
    unclosed: '<table><tr><td><div><p><b><i>'.repeat(200) + 'DEEP-UNCLOSED',
  };
  for (const [name, html] of Object.entries(cases)) {
    const seen = await session.observe(() => session.render({ html }));
    report({ case: `nested-200-${name}`, renderMs: Math.round(seen.result.renderMs) });
    expect(seen.result.info.kind, name).toBe('html');
    expect(seen.result.violations, name).toEqual([]);
    if (name === 'quote') expect(seen.result.visibleText).toContain('Show quoted text');
    else expect(seen.result.visibleText, name).toContain(`DEEP-${name.toUpperCase()}`);
    expect(seen.result.renderMs, name).toBeLessThan(10_000);
  }
  await expectResponsive();
});

it('refuses 100,000 levels of nesting at once, and renders 4,000', async () => {
  // Chromium's parser alone needs 24 s for this, quadratic in depth.
  const deep = await session.render({ html: '<div>'.repeat(100_000) + 'BOTTOM' + '</div>'.repeat(100_000), text: 'plain BOTTOM' });
  report({ case: 'nested-100000-div', kind: deep.info.kind, renderMs: Math.round(deep.renderMs) });
  expect(deep.info.kind).toBe('text');
  expect(deep.visibleText).toContain('nested too deeply to show safely');
  expect(deep.visibleText).toContain('plain BOTTOM');
  expect(deep.renderMs).toBeLessThan(2_000);
  const refused = await session.render({ html: '<div>'.repeat(100_000) });
  expect(refused.info.kind).toBe('too-large');
  expect(refused.visibleText).toContain('This message is nested too deeply to show safely (more than 4,000 levels).');
  const limit = await session.render({ html: '<div>'.repeat(4_000) + 'BOTTOM' + '</div>'.repeat(4_000) });
  report({ case: 'nested-4000-div', renderMs: Math.round(limit.renderMs) });
  expect(limit.info.kind).toBe('html');
  expect(limit.visibleText).toContain('BOTTOM');
  await expectResponsive();
});

it('decodes an unknown charset as windows-1252 and says so', async () => {
  // "café – 5 €" in windows-1252, labelled with a charset nobody knows.
  const bytes = [0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80];
  const decoded = await session.page.evaluate((b) => window.__harness.decode(b, 'x-made-up-charset'), bytes);
  expect(decoded).toEqual({ text: 'café – 5 €', encoding: 'windows-1252', fellBack: true });
  const seen = await session.render({ text: decoded.text });
  expect(seen.visibleText).toContain('café – 5 €');
});

it('renders a large plain-text body under the cap and refuses a 10 MB one', async () => {
  const line = 'Hello world, see https://example.com/x and more text here.\n> quoted line\n';
  const under = line.repeat(Math.floor(1_900_000 / line.length));
  const seen = await session.render({ text: under });
  report({ case: 'render-1.9MB-text', renderMs: Math.round(seen.renderMs) });
  expect(seen.info.kind).toBe('text');
  expect(seen.renderMs).toBeLessThan(30_000);
  await expectResponsive();
  const over = await session.render({ text: line.repeat(Math.ceil(10_000_000 / line.length)) });
  expect(over.info.kind).toBe('too-large');
  expect(over.renderMs).toBeLessThan(5_000);
  await expectResponsive();
});
