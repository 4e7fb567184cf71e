/**
 * A mail whose inline image and attachments are named with CR/LF and header text
 * (RFC 2047 in Content-Type's name, RFC 2231 in Content-Disposition's filename, as an
 * attacker would send it), delivered into Cyrus and opened in the app through the app
 * server. Cyrus copies a download URL's name into Content-Disposition unescaped
 * (docs/servers/cyrus.md); opening the message (the inline image downloads with no
 * click), previewing and downloading the attachments must set no cookie on the app's
 * origin, leave its storage alone (no Clear-Site-Data), and show no injected header on
 * any response. The saved file has the shown, cleaned name.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { deliver } from '../testing/mail/deliver.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';

const marker = `hdrs-${randomUUID().slice(0, 6)}`;
const INJECTED = '\r\nSet-Cookie: sid=evil; Path=/\r\nClear-Site-Data: "storage"\r\nX-Injected: yes\r\n';
const FORBIDDEN = ['set-cookie', 'set-cookie2', 'clear-site-data', 'x-injected', 'refresh', 'alt-svc'];

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
const rfc2231 = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9.!~_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

function hostilePart(type: string, name: string, data: Buffer, extra: string[] = [], disposition = 'attachment'): string[] {
  return [
    `Content-Type: ${type}; name="${word(name)}"`,
    'Content-Transfer-Encoding: base64',
    ...extra,
    `Content-Disposition: ${disposition}; filename*=utf-8''${rfc2231(name)}`,
    '',
    b64(data),
  ];
}

function hostileMail(subject: string): string {
  const html = `<html><body><p>Your invoice.</p><p><img id="logo" src="cid:logo-${marker}@evil.example" alt="Logo" width="20" height="20"></p></body></html>`;
  return [
    'From: Mallory <mallory@evil.example>',
    `To: ${inject('app').backend.users.alice.email}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject}@evil.example>`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mix"',
    '',
    '--mix',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--rel',
    ...hostilePart('image/png', `logo${INJECTED}.png`, PNG, [`Content-ID: <logo-${marker}@evil.example>`], 'inline'),
    '--rel--',
    '--mix',
    // Bytes after IEND (ignored by decoders) so the photo is its own blob: Cyrus's blob
    // ids are content hashes, and the same bytes would come from the offline cache.
    ...hostilePart('image/png', `photo${INJECTED}.png`, Buffer.concat([PNG, Buffer.from('photo')])),
    '--mix',
    ...hostilePart('application/pdf', `invoice${INJECTED}.pdf`, PDF),
    '--mix--',
    '',
  ].join('\r\n');
}

let context: BrowserContext;
let page: Page;
let origin: string;
const injectedSeen: string[] = [];
const downloadsSeen: string[] = [];

async function storageState(): Promise<{ marker: string | null; databases: string[]; sw: number }> {
  return page.evaluate(async () => ({
    marker: localStorage.getItem('hdrs-marker'),
    databases: (await indexedDB.databases()).map((d) => d.name ?? '').sort(),
    sw: (await navigator.serviceWorker.getRegistrations()).length,
  }));
}

beforeAll(async () => {
  origin = inject('app').origin;
  const { backend } = inject('app');
  await deliver('alice', hostileMail(`${marker} invoice`));
  ({ context } = await launchPersistent());
  context.on('response', (response: Response) => {
    void response.allHeaders().then(
      (headers) => {
        if (response.url().includes('/jmap/download/')) downloadsSeen.push(response.url());
        for (const name of FORBIDDEN) if (name in headers) injectedSeen.push(`${name} on ${response.url()}`);
      },
      () => undefined,
    );
  });
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} invoice` })
    .waitFor({ timeout: 90_000 });
  await page.evaluate(() => localStorage.setItem('hdrs-marker', 'still here'));
}, 150_000);

afterAll(async () => {
  await context?.close();
});

it('opening, previewing and downloading set no cookie, keep storage and show no injected header', async () => {
  const before = await storageState();
  expect(before.marker).toBe('still here');
  expect(before.databases.length).toBeGreaterThan(0);

  // Opening shows the inline image: downloaded with no click.
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} invoice` })
    .getByRole('button')
    .click();
  await page.locator('.conversation iframe').waitFor({ timeout: 30_000 });
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (
              (document.querySelector('.conversation iframe') as HTMLIFrameElement).contentDocument?.getElementById(
                'logo',
              ) as HTMLImageElement | null
            )?.naturalWidth ?? -1,
        ),
      { timeout: 20_000 },
    )
    .toBe(2);

  const list = page.getByRole('list', { name: 'Attachments' });
  const photo = list.locator('li', { hasText: 'photo' });
  const invoice = list.locator('li', { hasText: 'invoice' });
  await photo.waitFor();

  await photo.getByRole('button', { name: /^Preview/ }).click();
  const imagePreview = page.getByRole('dialog', { name: /^Preview of photo/ });
  await expect.poll(() => imagePreview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(2);
  await page.keyboard.press('Escape');
  await expect.poll(() => imagePreview.count()).toBe(0);

  await invoice.getByRole('button', { name: /^Preview/ }).click();
  const pdfPreview = page.getByRole('dialog', { name: /^Preview of invoice/ });
  await pdfPreview.waitFor({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect.poll(() => pdfPreview.count()).toBe(0);

  const [download] = await Promise.all([page.waitForEvent('download'), invoice.getByRole('button', { name: /^Download/ }).click()]);
  expect(readFileSync((await download.path())!)).toEqual(PDF);
  // The shown name, cleaned: no line breaks, quotes or slashes, extension kept.
  const saved = download.suggestedFilename();
  expect(saved).toMatch(/^invoice/);
  expect(saved).toMatch(/\.pdf$/);
  expect(saved).not.toMatch(/[\r\n"/\\]/);

  // The three parts were downloaded from the app's origin, by URLs with no mail text.
  await expect.poll(() => downloadsSeen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  for (const url of downloadsSeen) {
    expect(url.startsWith(origin + '/jmap/download/')).toBe(true);
    expect(decodeURIComponent(url)).not.toMatch(/Set-Cookie|Clear-Site-Data|[\r\n]/i);
  }

  await new Promise((r) => setTimeout(r, 500));
  expect(injectedSeen).toEqual([]);
  expect(await context.cookies()).toEqual([]); // every path: a cookie set by a download URL has that path
  const after = await storageState();
  expect(after).toEqual(before);
}, 120_000);

it('a link to a download URL carrying header text sets nothing either', async () => {
  const { pathname } = new URL(downloadsSeen[0]!);
  const link = `${origin}${pathname.replace(/[^/]+$/, '')}x%0D%0ASet-Cookie:%20sid=evil%0D%0AClear-Site-Data:%20%22storage%22?accept=text/html`;
  const tab = await context.newPage();
  // As if the browser held the Basic credentials (the attack needed them).
  const { username, password } = inject('app').backend.users.alice;
  await tab.setExtraHTTPHeaders({ Authorization: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64') });
  try {
    const response = await tab.goto(link).catch(() => null);
    if (response) {
      expect(response.status()).toBe(400);
      const headers = await response.allHeaders();
      for (const name of FORBIDDEN) expect(Object.keys(headers)).not.toContain(name);
    }
  } finally {
    await tab.close();
  }
  expect(await context.cookies()).toEqual([]); // every path: a cookie set by a download URL has that path
  const state = await storageState();
  expect(state.marker).toBe('still here');
}, 60_000);
