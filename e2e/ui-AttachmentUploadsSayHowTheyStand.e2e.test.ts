/**
 * Issue 14: each attached file says how its upload stands, beside its name: an upload
 * the server cannot take (its requests failing) says so in words naming the file and that
 * it is kept; once uploads work again it says Uploaded, and bob gets the file byte for
 * byte. Built app in Debian Chromium against Cyrus; the uploads run in the worker.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi, sendFrom } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let bob: JmapClient;
const marker = `upload-${randomUUID().slice(0, 8)}`;

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  bob = await connect({
    url: backend.origin,
    auth: { kind: 'basic', username: backend.users.bob.username, password: backend.users.bob.password },
  });
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await eventually('the first sync', async () =>
    /Up to date/.test((await page.getByRole('status').first().textContent()) ?? '') ? true : undefined,
  );
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('tells a failed upload in words, keeps the file, and says Uploaded once it went', async () => {
  const { backend } = inject('app');
  const isUpload = (url: URL) => /\/upload\//.test(url.pathname);
  await context.route(isUpload, (route) => route.abort());
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByLabel('To', { exact: true }).fill(`Bob <${backend.users.bob.email}>`);
  await dialog.getByLabel('Subject').fill(marker);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('The notes are attached.');
  const bytes = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 13) % 256));
  await dialog.locator('input[type=file]').setInputFiles({ name: 'notes.bin', mimeType: 'application/octet-stream', buffer: bytes });
  const files = dialog.getByRole('list', { name: 'Attachments' });
  await expect
    .poll(() => files.getByRole('alert').textContent(), { timeout: 30_000 })
    .toMatch(/^“notes\.bin” could not be uploaded \(.+\)\. It is kept on this device and uploaded again with the next try\.$/);
  await screenshot(page, 'compose-upload-failed');

  // Uploads work again: the next save (a key) uploads it.
  await context.unroute(isUpload);
  await dialog.getByRole('textbox', { name: 'Message' }).press('End');
  await page.keyboard.type(' Thanks.');
  await expect.poll(() => files.locator('li').first().textContent(), { timeout: 30_000 }).toContain('Uploaded');
  expect(await files.getByRole('alert').count()).toBe(0);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  const id = await eventually(
    'bob to receive it',
    async () => (await bob.call('Email/query', { filter: { subject: marker } })).ids[0],
    90_000,
  );
  const email = (await bob.call('Email/get', { ids: [id], properties: ['attachments'] })).list[0]!;
  const file = email.attachments!.find((a) => a.name === 'notes.bin')!;
  expect(Buffer.from(await (await bob.download(file.blobId!)).arrayBuffer()).equals(bytes)).toBe(true);
}, 180_000);
