/**
 * The conversation view against Cyrus, with mail as people get it: an HTML newsletter
 * with an inline (cid:) logo and a remote image, and attachments. Inline images show at
 * once; remote ones only after "Show images" (this message only) or "Always for sender"
 * (remembered); attachments show name, type and size, preview in the app (image, PDF),
 * download byte for byte, and stay available offline once opened — one never opened
 * is kept too by the engine (recent and small: the default offline choice) and opens
 * offline. (What is outside the choice says why: e2e/ui-ReadyForTheFlight.)
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { deliver } from '../testing/mail/deliver.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, seriousA11yViolations, signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let remote: Server;
let remoteOrigin = '';
const remoteHits: string[] = [];
const dialogs: string[] = [];
const marker = `att-${randomUUID().slice(0, 6)}`;

// A 2x2 PNG and a one-page PDF, real files a browser decodes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const NOTES = Buffer.from('Some notes nobody opened.\n'.repeat(40));

const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');

function newsletter(subject: string, remotePath: string, withAttachments: boolean): string {
  const html = `<html><body><h1>Hello</h1><p><img id="logo" src="cid:logo-${marker}@example.net" alt="Logo" width="20" height="20"></p><p><img id="remote" src="${remoteOrigin}${remotePath}" alt="Remote picture" width="20" height="20"></p><p>Read on.</p></body></html>`;
  const related = [
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--rel',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <logo-${marker}@example.net>`,
    'Content-Disposition: inline; filename="logo.png"',
    '',
    b64(PNG),
    '--rel--',
  ];
  const part = (type: string, name: string, data: Buffer) => [
    '--mix',
    `Content-Type: ${type}; name="${name}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${name}"`,
    '',
    b64(data),
  ];
  const body = withAttachments
    ? [
        'Content-Type: multipart/mixed; boundary="mix"',
        '',
        '--mix',
        ...related,
        ...part('image/png', 'photo.png', PNG),
        ...part('application/pdf', 'report.pdf', PDF),
        ...part('text/plain', 'notes.txt', NOTES),
        '--mix--',
      ]
    : related;
  return [
    'From: News <news@example.net>',
    `To: ${inject('app').backend.users.alice.email}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\s/g, '-')}@example.net>`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    ...body,
    '',
  ].join('\r\n');
}

async function frameImage(id: string): Promise<number> {
  return page.evaluate((imageId) => {
    const img =
      document.querySelector('.conversation iframe')?.ownerDocument &&
      (document.querySelector('.conversation iframe') as HTMLIFrameElement).contentDocument?.getElementById(imageId);
    return (img as HTMLImageElement | null | undefined)?.naturalWidth ?? -1;
  }, id);
}

async function open(subject: string): Promise<void> {
  await page.getByRole('listitem').filter({ hasText: subject }).getByRole('button').click();
  await page.locator('.conversation iframe').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  remote = createServer((req, res) => {
    remoteHits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
    res.end(PNG);
  });
  await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
  remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
  await deliver('alice', newsletter(`${marker} first issue`, '/first.png', true));
  await deliver('alice', newsletter(`${marker} second issue`, '/second.png', false));
  const { origin, backend } = inject('app');
  ({ context } = await launchPersistent());
  page = await context.newPage();
  page.on('dialog', (d: Dialog) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} second issue` })
    .waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  remote?.close();
});

it('shows inline images at once and remote ones only when the person says so', async () => {
  await open(`${marker} first issue`);
  await expect.poll(() => frameImage('logo'), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(remoteHits).toEqual([]);
  const bar = page.locator('.msg-remote-bar');
  await expect.poll(() => bar.textContent()).toContain('Images are hidden');
  await screenshot(page, 'conversation-attachments');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // "Show images": this message, this time.
  await bar.getByRole('button', { name: 'Show images' }).click();
  await expect.poll(() => remoteHits.filter((h) => h === '/first.png').length, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(() => frameImage('remote')).toBeGreaterThan(0);

  // Another message from the same sender is still blocked; "Always for sender" remembers.
  await open(`${marker} second issue`);
  await expect.poll(() => bar.textContent()).toContain('Images are hidden');
  expect(remoteHits).not.toContain('/second.png');
  await bar.getByRole('button', { name: 'Always for sender' }).click();
  await expect.poll(() => remoteHits.includes('/second.png'), { timeout: 10_000 }).toBe(true);

  // Back to the first: now loaded without asking.
  const before = remoteHits.length;
  await open(`${marker} first issue`);
  await expect.poll(() => remoteHits.length, { timeout: 10_000 }).toBeGreaterThan(before);
  expect(await bar.count()).toBe(0);
}, 90_000);

it('lists, previews and downloads attachments, and keeps what was opened for offline use', async () => {
  const list = page.getByRole('list', { name: 'Attachments' });
  await expect
    .poll(() => list.textContent())
    .toMatch(/photo\.png.*image\/png.*report\.pdf.*application\/pdf.*notes\.txt.*text\/plain 1 KB/);
  // The inline logo is part of the body, not an attachment.
  expect(await list.textContent()).not.toContain('logo.png');

  await list.getByRole('button', { name: 'Preview photo.png' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview of photo.png' });
  await preview.waitFor();
  await expect.poll(() => preview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
  await screenshot(page, 'attachment-preview');
  await preview.getByRole('button', { name: 'Close' }).click();

  await list.getByRole('button', { name: 'Preview report.pdf' }).click();
  const pdf = page.getByRole('dialog', { name: 'Preview of report.pdf' });
  // Drawn by pdf.js onto a canvas (no frame of the file, no document script).
  await pdf.getByRole('img', { name: 'Page 1 of 1' }).waitFor();
  expect(await pdf.locator('iframe').count()).toBe(0);
  await page.keyboard.press('Escape');
  await expect.poll(() => pdf.count()).toBe(0);

  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download report.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('report.pdf');
  expect(readFileSync((await download.path())!)).toEqual(PDF);
  await expect.poll(() => list.locator('li', { hasText: 'report.pdf' }).textContent()).toContain('available offline');
  expect(await list.locator('li', { hasText: 'photo.png' }).textContent()).toContain('available offline');
  // Never opened, kept all the same: the engine downloads the offline choice's attachments by itself.
  await expect.poll(() => list.locator('li', { hasText: 'notes.txt' }).textContent(), { timeout: 60_000 }).toContain('available offline');

  // Offline: what was opened still opens; what was not says so in words.
  await context.setOffline(true);
  try {
    await list.getByRole('button', { name: 'Preview photo.png' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('dialog', { name: 'Preview of photo.png' })
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(2);
    await page.keyboard.press('Escape');
    const [notes] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Download notes.txt' }).click()]);
    expect(readFileSync((await notes.path())!)).toEqual(NOTES);
  } finally {
    await context.setOffline(false);
  }
}, 90_000);
