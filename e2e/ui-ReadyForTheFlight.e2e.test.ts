/**
 * Issue 12, "Ready for the flight", in the browser against Cyrus: after sign-in the engine
 * (in the service worker) keeps the offline choice's attachments by itself; Settings →
 * Offline counts how much of the choice is on the device until it reads "N of N messages,
 * M of M attachments"; "Download everything now" is asked of the host. Then in airplane
 * mode an attachment within the choice, never opened, opens with its bytes, and those
 * outside it say why in words within 2 s (larger than the choice, older than its days).
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { fileBytes, importWithAttachments } from '../testing/mail/withAttachments.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
const m = randomUUID().slice(0, 8);
const folderName = `Flight ${m}`;
const DAY = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;
const subject = { near: `near-${m} boarding`, big: `big-${m} slides`, old: `old-${m} ticket` };
const boarding = fileBytes(`boarding-${m}`, 4_000);

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  // A folder of their own: the old one is at the top of its list, not 400 messages down.
  const folderId = (await alice.call('Mailbox/set', { create: { f: { name: folderName, parentId: null } } })).created!.f!.id;
  const seed = (s: string, ageDays: number, name: string, bytes: Buffer) =>
    importWithAttachments(alice, folderId, {
      from: 'Ola <ola@example.net>',
      to: a.email,
      subject: s,
      receivedAt: new Date(Date.now() - ageDays * DAY),
      files: [{ name, type: name.endsWith('.txt') ? 'text/plain' : 'application/octet-stream', bytes }],
    });
  await seed(subject.near, 0, `boarding-${m}.txt`, boarding);
  // Over the default choice of 5 MB each.
  await seed(subject.big, 0, `slides-${m}.bin`, fileBytes('slides', 6 * MB));
  // Older than the default 30 days of attachments (its text is kept: all mail's text is).
  await seed(subject.old, 60, `ticket-${m}.txt`, fileBytes('ticket', 3_000));

  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await context?.close();
});

const row = (s: string) => page.getByRole('listitem').filter({ hasText: s });
const folder = (name: string) => page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${name}`) });
const alert = () => page.locator('article.conversation [role=alert]').first();

it('counts the choice on the device up to N of N, and offline opens what is in it and says why for the rest', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const counts = settings.getByRole('status', { name: 'On this device' });
  await counts.waitFor({ timeout: 10_000 });
  await expect
    .poll(() => counts.textContent(), { timeout: 150_000, interval: 500 })
    .toMatch(/^([\d,]+) of \1 messages?, ([1-9][\d,]*) of \2 attachments?, [\d.]+ [KMG]B: everything you chose is on this device\.$/);
  // Asked of the host (the worker) through the page's one request channel: it says it started.
  await settings.getByRole('button', { name: 'Download everything now' }).click();
  await expect
    .poll(async () => (await settings.textContent()) ?? '', { timeout: 5_000 })
    .toContain('Downloading the rest of your offline choice now.');
  await screenshot(page, 'ready-for-the-flight');
  await settings.getByRole('button', { name: 'Close' }).click();
  // The status bar's "This device" says the same counts.
  await page.getByRole('button', { name: 'This device' }).click();
  await expect
    .poll(() => page.getByRole('region', { name: 'This device' }).textContent(), { timeout: 5_000 })
    .toMatch(/Your offline choice on this device: ([\d,]+) of \1 messages?, ([1-9][\d,]*) of \2 attachments?/);
  await page.getByRole('button', { name: 'This device' }).click();

  // The folder's rows, then airplane mode.
  await folder(folderName).click();
  await row(subject.old).waitFor({ timeout: 30_000 });
  await context.setOffline(true);

  // Within the choice, never opened: its bytes are on the device.
  await row(subject.near).getByRole('button').first().click();
  const download = page.waitForEvent('download', { timeout: 5_000 });
  await page.getByRole('button', { name: `Download boarding-${m}.txt` }).click();
  const saved = await (await download).path();
  expect(Buffer.compare(await readFile(saved), boarding)).toBe(0);

  // Larger than the choice: said in words within 2 s.
  await row(subject.big).getByRole('button').first().click();
  await page.getByRole('button', { name: `Download slides-${m}.bin` }).click();
  await expect
    .poll(() => alert().textContent(), { timeout: 2_000 })
    .toMatch(
      new RegExp(
        `“slides-${m}\\.bin” is not on this device: it is larger than your offline choice of 5 MB, and was never opened here\\. You are offline`,
      ),
    );

  // Older than the choice's days: said so too.
  await row(subject.old).getByRole('button').first().click();
  await page.getByRole('button', { name: `Download ticket-${m}.txt` }).click();
  await expect
    .poll(() => alert().textContent(), { timeout: 2_000 })
    .toMatch(new RegExp(`“ticket-${m}\\.txt” is not on this device: it is older than 30 days, and was never opened here\\.`));
  await screenshot(page, 'ready-for-the-flight-offline');
  await context.setOffline(false);
}, 240_000);
