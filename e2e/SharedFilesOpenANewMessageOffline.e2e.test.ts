/**
 * The installed app as a share target: what the system shares (title, text, a link,
 * files) is POSTed to /share, where the service worker keeps it as a draft, with no
 * network, and the app opens it as a new message with the files attached. The draft
 * stays on the device after a reload until sent or discarded.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const { origin, backend } = inject('app');
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await page.getByRole('listitem').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await context?.setOffline(false);
  await context?.close();
});

it('declares a share target for title, text, links and files', async () => {
  const cdp = await context.newCDPSession(page);
  const { data } = (await cdp.send('Page.getAppManifest')) as { data: string };
  expect(JSON.parse(data).share_target).toMatchObject({ action: '/share', method: 'POST', enctype: 'multipart/form-data' });
});

it('offline, a shared file and link open as a new message that stays on the device', async () => {
  await context.setOffline(true);
  // What the system does on a share: a form POST to the share target's action.
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = '/share';
    form.enctype = 'multipart/form-data';
    const add = (name: string, value: string) => {
      const input = document.createElement('input');
      input.name = name;
      input.value = value;
      form.append(input);
    };
    add('title', 'Trip notes');
    add('text', 'Have a look at these');
    add('url', 'https://example.org/trip');
    const files = document.createElement('input');
    files.type = 'file';
    files.name = 'files';
    const list = new DataTransfer();
    list.items.add(new File(['day 1: fly out'], 'notes.txt', { type: 'text/plain' }));
    files.files = list.files;
    form.append(files);
    document.body.append(form);
    form.submit();
  });
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor({ timeout: 15_000 });
  expect(await dialog.getByLabel('Subject').inputValue()).toBe('Trip notes');
  expect(await dialog.getByRole('textbox', { name: 'Message' }).inputValue()).toMatch(
    /^Have a look at these\n\nhttps:\/\/example\.org\/trip/,
  );
  await expect.poll(() => dialog.getByRole('list', { name: 'Attachments' }).textContent()).toContain('notes.txt');
  expect(new URL(page.url()).search).toBe('');

  await page.reload();
  const kept = page.getByRole('region', { name: 'Drafts on this device' }).getByRole('button', { name: 'Trip notes' });
  await kept.waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByRole('dialog', { name: 'New message' }).count()).toBe(0);
  await kept.click();
  const reopened = page.getByRole('dialog', { name: 'New message' });
  await expect.poll(() => reopened.getByRole('list', { name: 'Attachments' }).textContent()).toContain('notes.txt');
});
