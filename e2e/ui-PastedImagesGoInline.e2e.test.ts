/**
 * Issue 14: an image pasted (and one dropped) into the message body is shown there at once (a blob: URL of
 * its bytes, not listed as an attachment) and reaches bob inline: its bytes exactly, in a
 * part with the Content-ID the HTML's `cid:` names, disposition inline, inside
 * multipart/related with the HTML; the draft kept across a reload shows it again from the
 * bytes on the device. Built app in Debian Chromium against Cyrus.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type EmailBodyPart, type JmapClient } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi, sendFrom } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let bob: JmapClient;
let alice: JmapClient;
const marker = `inline-${randomUUID().slice(0, 8)}`;
// A 1x1 PNG: the editor must be able to draw it.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const flat = (p: EmailBodyPart): EmailBodyPart[] => [p, ...(p.subParts ?? []).flatMap(flat)];

beforeAll(async () => {
  const { origin, backend } = inject('app');
  bob = await connect({
    url: backend.origin,
    auth: { kind: 'basic', username: backend.users.bob.username, password: backend.users.bob.password },
  });
  alice = await connect({
    url: backend.origin,
    auth: { kind: 'basic', username: backend.users.alice.username, password: backend.users.alice.password },
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

it('shows a pasted image in the message at once and delivers it inline with its cid, byte for byte', async () => {
  const { backend } = inject('app');
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByLabel('To', { exact: true }).fill(`Bob <${backend.users.bob.email}>`);
  await dialog.getByLabel('Subject').fill(marker);
  await dialog.getByLabel('Rich text').check();
  const editor = dialog.getByRole('textbox', { name: 'Message' });
  await editor.click();
  await page.keyboard.type('Here is the picture:');
  // A paste of an image file, as the clipboard hands it to the page.
  await editor.evaluate((el, png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG);
  const img = editor.locator('img').first();
  await img.waitFor();
  // And one dropped onto the text.
  await editor.evaluate((el, png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
    const box = el.getBoundingClientRect();
    const at = { clientX: box.left + 5, clientY: box.top + 5, dataTransfer: data, bubbles: true, cancelable: true };
    el.dispatchEvent(new DragEvent('drop', at));
  }, PNG);
  await expect.poll(() => editor.locator('img').count()).toBe(2);
  expect(await img.getAttribute('src')).toMatch(/^blob:/);
  await eventually('the image drawn', async () => ((await img.evaluate((i: HTMLImageElement) => i.naturalWidth)) > 0 ? true : undefined));
  // In the text, not in the list of attached files.
  expect(await dialog.getByRole('list', { name: 'Attachments' }).count()).toBe(0);
  await screenshot(page, 'compose-inline-image');

  // Kept: after a reload the draft opens with the image drawn again from the bytes on this device.
  await eventually('the draft on the server', async () => {
    const q = await alice.call('Email/query', { filter: { subject: marker, hasKeyword: '$draft' } });
    return q.ids.length ? true : undefined;
  });
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Folders' })
    .getByRole('button', { name: /^Drafts/ })
    .click();
  await page.getByRole('listitem').filter({ hasText: marker }).click();
  const reopened = page.getByRole('dialog', { name: 'New message' });
  const again = reopened.getByRole('textbox', { name: 'Message' }).locator('img').last();
  await eventually('the kept image drawn', async () =>
    /^blob:/.test((await again.getAttribute('src')) ?? '') && (await again.evaluate((i: HTMLImageElement) => i.naturalWidth)) > 0
      ? true
      : undefined,
  );
  expect(await reopened.getByRole('list', { name: 'Attachments' }).count()).toBe(0);
  await reopened.getByRole('button', { name: 'Send', exact: true }).click();

  const id = await eventually(
    'bob to receive it',
    async () => (await bob.call('Email/query', { filter: { subject: marker } })).ids[0],
    90_000,
  );
  const email = (
    await bob.call('Email/get', {
      ids: [id],
      properties: ['bodyStructure', 'bodyValues'],
      fetchHTMLBodyValues: true,
      bodyProperties: ['partId', 'blobId', 'type', 'disposition', 'cid', 'subParts'],
    })
  ).list[0]!;
  const related = flat(email.bodyStructure!).find((p) => p.type === 'multipart/related');
  expect(related?.subParts?.map((p) => p.type)).toEqual(['text/html', 'image/png', 'image/png']);
  const [html, ...pictures] = related!.subParts!;
  expect(email.bodyValues![html!.partId!]!.value).toContain('Here is the picture:');
  for (const picture of pictures) {
    expect(picture.disposition).toBe('inline');
    expect(picture.cid).toBeTruthy();
    expect(email.bodyValues![html!.partId!]!.value).toContain(`cid:${picture.cid}`);
    const got = Buffer.from(await (await bob.download(picture.blobId!)).arrayBuffer());
    expect(got.equals(Buffer.from(PNG, 'base64'))).toBe(true);
  }
}, 180_000);

it('opens a draft written elsewhere with its inline image drawn, and sends it inline again', async () => {
  const subject = `${marker} from elsewhere`;
  const { backend } = inject('app');
  const drafts = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'drafts')!.id;
  const png = Buffer.from(PNG, 'base64');
  const { blobId } = await alice.upload(new Uint8Array(png), 'image/png');
  const made = await alice.call('Email/set', {
    create: {
      d: {
        mailboxIds: { [drafts]: true },
        keywords: { $draft: true, $seen: true },
        from: [{ name: 'Alice', email: backend.users.alice.email }],
        to: [{ name: 'Bob', email: backend.users.bob.email }],
        subject,
        bodyValues: { t: { value: 'From my phone:' }, h: { value: '<p>From my phone:</p><img src="cid:phone@elsewhere">' } },
        bodyStructure: {
          type: 'multipart/alternative',
          subParts: [
            { partId: 't', type: 'text/plain' },
            {
              type: 'multipart/related',
              subParts: [
                { partId: 'h', type: 'text/html' },
                { blobId, type: 'image/png', name: 'phone.png', disposition: 'inline', cid: 'phone@elsewhere' },
              ],
            },
          ],
        },
      },
    },
  });
  expect(made.created?.d?.id).toBeTruthy();
  await page
    .getByRole('navigation', { name: 'Folders' })
    .getByRole('button', { name: /^Drafts/ })
    .click();
  const item = page.getByRole('listitem').filter({ hasText: subject });
  await eventually('the draft synced', async () => {
    if (await item.count()) return true;
    await page.getByRole('button', { name: 'Check now' }).click();
    await new Promise((r) => setTimeout(r, 1000));
    return undefined;
  });
  await item.click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  const img = dialog.getByRole('textbox', { name: 'Message' }).locator('img');
  await eventually('the image drawn', async () =>
    /^blob:/.test((await img.getAttribute('src')) ?? '') && (await img.evaluate((i: HTMLImageElement) => i.naturalWidth)) > 0
      ? true
      : undefined,
  );
  expect(await dialog.getByRole('list', { name: 'Attachments' }).count()).toBe(0);
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  const id = await eventually('bob to receive it', async () => (await bob.call('Email/query', { filter: { subject } })).ids[0], 90_000);
  const email = (
    await bob.call('Email/get', {
      ids: [id],
      properties: ['bodyStructure', 'bodyValues'],
      fetchHTMLBodyValues: true,
      bodyProperties: ['partId', 'blobId', 'type', 'disposition', 'cid', 'subParts'],
    })
  ).list[0]!;
  const related = flat(email.bodyStructure!).find((p) => p.type === 'multipart/related');
  expect(related?.subParts?.map((p) => [p.type, p.cid ?? null])).toEqual([
    ['text/html', null],
    ['image/png', 'phone@elsewhere'],
  ]);
  expect(email.bodyValues![related!.subParts![0]!.partId!]!.value).toContain('cid:phone@elsewhere');
  const got = Buffer.from(await (await bob.download(related!.subParts![1]!.blobId!)).arrayBuffer());
  expect(got.equals(png)).toBe(true);
}, 180_000);
