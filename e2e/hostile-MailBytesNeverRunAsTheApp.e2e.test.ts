/**
 * Mail bytes reached by every door a person has, through the app against Cyrus: inline
 * cid: parts and attachments typed SVG, HTML, XHTML, XML, or typed as an image while their
 * bytes are markup, and a PDF whose OpenAction runs JavaScript. Each is opened the ways a
 * person can: shown inline, previewed, downloaded, and its blob: URL opened on its own in
 * a new tab (what "Open image in new tab" or a drag does). A blob: URL the app makes has
 * the app's origin, so a document there would run as the app.
 *
 * Must hold for every one: no script ran (canary, remote beacon, dialog), no document of
 * a renderable markup type on the app's origin, previews show pictures only.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { JmapClient } from '../src/jmap/index.ts';
import { AppHostileSession, connectAlice, importHostileMail, removeHostileMail } from '../testing/browser/hostile/appSession.ts';
import { base64Lines, type HostileMail } from '../testing/mail/mime.ts';
import { PIXEL_PNG } from '../testing/browser/hostile/servers.ts';

const folder = `Bytes ${randomUUID().slice(0, 6)}`;

/**
 * Script that, wherever it runs, leaves three traces: the canary, a beacon, a dialog.
 * The XML payloads keep it in CDATA and escape it in attributes: an SVG that is not
 * well-formed never runs (or draws) at all, and would prove nothing.
 */
const run = (id: string) => `top.__xss && top.__xss('${id}'); new Image().src = 'http://remote.test/ran-${id}'; alert('ran-${id}');`;
const svg = (id: string) =>
  `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" onload="${run(id + '-onload').replace(/&/g, '&amp;')}"><rect width="40" height="30" fill="#36c"/><script><![CDATA[${run(id)}]]></script></svg>`;
const html = (id: string) =>
  `<!doctype html><html><body><h1>Hi</h1><script>${run(id)}</script><img src=x onerror="${run(id + '-onerror')}"></body></html>`;
const xhtml = (id: string) =>
  `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><script><![CDATA[${run(id)}]]></script></body></html>`;
const xml = (id: string) => `<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"><![CDATA[${run(id)}]]></x:script>`;

/** A one-page PDF whose OpenAction is JavaScript (app.alert), with a correct xref table. */
function pdfWithScript(id: string): Buffer {
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /JavaScript << /Names [(x) 4 0 R] >> >> >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>`,
    `<< /S /JavaScript /JS (app.alert\\('pdf-${id}'\\); this.submitForm\\('http://remote.test/ran-pdf-${id}'\\);) >>`,
    null,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
  ];
  const stream = 'BT /F1 18 Tf 40 100 Td (Quarterly report) Tj ET';
  objects[4] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface Part {
  type: string;
  body: string | Buffer;
  cid?: string;
  name?: string;
}

function related(key: string, htmlBody: string, parts: Part[]): string {
  const b = `b-${key}`;
  const section = (p: Part) =>
    [
      `Content-Type: ${p.type}${p.name ? `; name="${p.name}"` : ''}`,
      'Content-Transfer-Encoding: base64',
      ...(p.cid ? [`Content-ID: <${p.cid}>`, 'Content-Disposition: inline'] : [`Content-Disposition: attachment; filename="${p.name}"`]),
      '',
      base64Lines(p.body),
    ].join('\r\n');
  const inline = parts.filter((p) => p.cid);
  const files = parts.filter((p) => !p.cid);
  const html = ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', base64Lines(htmlBody)].join('\r\n');
  const rel = [
    `Content-Type: multipart/related; boundary="${b}-r"`,
    '',
    ...[html, ...inline.map(section)].map((s) => `--${b}-r\r\n${s}`),
    `--${b}-r--`,
    '',
  ].join('\r\n');
  return [
    `Content-Type: multipart/mixed; boundary="${b}-m"`,
    '',
    ...[rel, ...files.map(section)].map((s) => `--${b}-m\r\n${s}`),
    `--${b}-m--`,
    '',
  ].join('\r\n');
}

const INLINE: HostileMail = {
  key: 'inline-parts',
  rawBody: related(
    'inline',
    '<p>Inline parts:</p><img alt="svg" src="cid:svg1"><img alt="octet-svg" src="cid:svg2"><img alt="png-but-html" src="cid:fake1"><img alt="html" src="cid:html1"><img alt="xhtml" src="cid:xhtml1"><img alt="real-png" src="cid:png1">',
    [
      { type: 'image/svg+xml', body: svg('inline-svg'), cid: 'svg1' },
      { type: 'application/octet-stream', body: svg('inline-octet-svg'), cid: 'svg2' },
      { type: 'image/png', body: html('inline-fake-png'), cid: 'fake1' },
      { type: 'text/html', body: html('inline-html'), cid: 'html1' },
      { type: 'application/xhtml+xml', body: xhtml('inline-xhtml'), cid: 'xhtml1' },
      { type: 'image/png', body: PIXEL_PNG, cid: 'png1' },
    ],
  ),
};

const FILES: HostileMail = {
  key: 'attached-files',
  rawBody: related('files', '<p>See the attached files.</p>', [
    { type: 'image/svg+xml', body: svg('file-svg'), name: 'diagram.svg' },
    { type: 'image/png', body: html('file-fake-png'), name: 'photo.png' },
    { type: 'text/html', body: html('file-html'), name: 'page.html' },
    { type: 'application/xhtml+xml', body: xhtml('file-xhtml'), name: 'page.xhtml' },
    { type: 'text/xml', body: xml('file-xml'), name: 'data.xml' },
    { type: 'application/pdf', body: pdfWithScript('file'), name: 'report.pdf' },
  ]),
};

/** Types that render as a document able to run script. */
const MARKUP = /html|xml|svg/i;

let session: AppHostileSession;
let alice: JmapClient;
let imported: { mailboxId: string; ids: string[] } | undefined;
const dialogs: string[] = [];

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connectAlice(backend.origin, a.username, a.password);
  imported = await importHostileMail(alice, folder, [INLINE, FILES]);
  session = await AppHostileSession.start(origin);
  session.page.on('dialog', (d) => dialogs.push(d.message()));
  await session.signInAndOpenFolder(a.username, a.password, folder, 2);
}, 240_000);

afterAll(async () => {
  await session?.stop();
  if (imported) await removeHostileMail(alice, imported.mailboxId, imported.ids);
});

/** Opens `url` in a tab of its own, as "Open image in new tab" would: what it became. */
async function openAlone(url: string): Promise<{ contentType: string | null; downloaded: boolean; dialogs: string[] }> {
  const tab: Page = await session.openOwnTab();
  const seen: string[] = [];
  tab.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss().catch(() => undefined);
  });
  let downloaded = false;
  tab.on('download', () => (downloaded = true));
  await tab.goto(url).catch(() => undefined);
  await tab.waitForTimeout(500);
  const contentType = downloaded ? null : await tab.evaluate(() => document.contentType).catch(() => null);
  await tab.close();
  return { contentType, downloaded, dialogs: seen };
}

function ran(): string[] {
  return session.remote.requests.filter((r) => r.includes('ran-') && !r.includes('control'));
}

it('the door is real: an SVG blob typed as such, opened alone on this origin, runs its script', async () => {
  const url = await session.page.evaluate((s) => URL.createObjectURL(new Blob([s], { type: 'image/svg+xml' })), svg('control'));
  const alone = await openAlone(url);
  expect(alone.contentType).toBe('image/svg+xml');
  expect(alone.dialogs).toContain('ran-control');
});

it('inline parts: only raster bytes show, SVG as its PNG drawing, and none opens as a document', async () => {
  const seen = await session.openNext('inline-parts', { settleMs: 300 });
  const frame = session.page.frameLocator('article.conversation section.message.expanded iframe');
  // The real PNG and both SVGs (declared, and untyped with SVG bytes) show; markup never.
  await expect.poll(() => frame.locator('img[src^="blob:"]').count(), { timeout: 15_000 }).toBe(3);
  const images = await frame
    .locator('img')
    .evaluateAll((list) =>
      list.map((i) => ({ alt: i.getAttribute('alt'), src: i.getAttribute('src') ?? '', width: (i as HTMLImageElement).naturalWidth })),
    );
  const shown = Object.fromEntries(images.map((i) => [i.alt, i.src.startsWith('blob:')]));
  expect(shown).toEqual({ svg: true, 'octet-svg': true, 'png-but-html': false, html: false, xhtml: false, 'real-png': true });
  // The SVG is drawn at its own size.
  expect(images.find((i) => i.alt === 'svg')!.width).toBe(40);
  for (const image of images.filter((i) => i.src.startsWith('blob:'))) {
    const alone = await openAlone(image.src);
    expect({ alt: image.alt, ...alone }).toEqual({ alt: image.alt, contentType: 'image/png', downloaded: false, dialogs: [] });
  }
  expect(seen.canaryIds).toEqual([]);
  expect((await session.snapshot()).canaryIds).toEqual([]);
  expect(ran()).toEqual([]);
  expect(dialogs).toEqual([]);
}, 90_000);

it('attachments: previews are pictures, PDF script never runs, downloads never render', async () => {
  await session.openNext('attached-files', { settleMs: 200 });
  const list = session.page.locator('article.conversation section.message.expanded').getByRole('list', { name: 'Attachments' });
  await list.waitFor();
  // No preview is offered for markup types.
  for (const name of ['page.html', 'page.xhtml', 'data.xml'])
    expect(await list.getByRole('button', { name: `Preview ${name}` }).count(), name).toBe(0);

  // The SVG: previewed as the PNG of its drawing; that URL alone is an image.
  await list.getByRole('button', { name: 'Preview diagram.svg' }).click();
  const svgPreview = session.page.getByRole('dialog', { name: 'Preview of diagram.svg' });
  await svgPreview
    .locator('img')
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      throw new Error(
        `no preview of diagram.svg: ${(await session.page.locator('article.conversation [role=alert]').allTextContents()).join(' | ')} ${session.log.slice(-5).join(' | ')}`,
      );
    });
  await expect.poll(() => svgPreview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
  const svgUrl = (await svgPreview.locator('img').getAttribute('src'))!;
  expect((await openAlone(svgUrl)).contentType).toBe('image/png');
  await svgPreview.getByRole('button', { name: 'Close' }).click();

  // Declared PNG, bytes HTML: not shown, said in words.
  await list.getByRole('button', { name: 'Preview photo.png' }).click();
  await expect
    .poll(() => session.page.locator('article.conversation [role=alert]').first().textContent())
    .toMatch(/“photo\.png” is not an image the app can show/);

  // The PDF: drawn by pdf.js, its OpenAction script never runs (no dialog, no submit).
  await list.getByRole('button', { name: 'Preview report.pdf' }).click();
  const pdf = session.page.getByRole('dialog', { name: 'Preview of report.pdf' });
  await pdf.getByRole('img', { name: 'Page 1 of 1' }).waitFor({ timeout: 20_000 });
  expect(await pdf.locator('iframe, embed, object').count()).toBe(0);
  // Something is drawn: the page's text is dark pixels on white.
  const inked = await pdf.getByRole('img', { name: 'Page 1 of 1' }).evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(50);
  await session.page.waitForTimeout(1_500);
  await pdf.getByRole('button', { name: 'Close' }).click();

  // Every download is bytes the browser saves, whatever its type; opened alone, it saves again.
  for (const name of ['diagram.svg', 'photo.png', 'page.html', 'page.xhtml', 'data.xml', 'report.pdf']) {
    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      list.getByRole('button', { name: `Download ${name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    const alone = await openAlone(download.url());
    expect({ name, rendered: alone.contentType !== null && MARKUP.test(alone.contentType), dialogs: alone.dialogs }).toEqual({
      name,
      rendered: false,
      dialogs: [],
    });
  }
  expect((await session.snapshot()).canaryIds).toEqual([]);
  expect(ran()).toEqual([]);
  expect(dialogs).toEqual([]);
}, 120_000);
