/**
 * A phone (390x844) against Cyrus: one pane at a time, the top actions folded into a
 * Menu (the theme is in Settings), a swipe left on a conversation archives it and right marks it read (the server
 * agrees), folders from the strip,
 * Settings full screen; the dark theme chosen in Settings is kept across a reload and
 * passes the accessibility scan (contrast included).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, seriousA11yViolations, signInThroughUi } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
const marker = `phone-${randomUUID().slice(0, 6)}`;
const subjects = [0, 1, 2].map((i) => `${marker} note ${i}`);

/**
 * A finger moving `dx` pixels across the row: real touch input through Chromium's
 * DevTools protocol (touch emulation on), so the browser itself decides what the
 * gesture is (a pan of the list or pointer events for the row), as on a phone.
 */
async function swipe(row: Locator, dx: number): Promise<void> {
  const box = (await row.boundingBox())!;
  const y = Math.round(box.y + box.height / 2);
  const x = Math.round(box.x + box.width / 2 - dx / 2);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: Math.round(x + (dx * i) / steps), y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  for (const [i, subject] of subjects.entries()) {
    await deliver(
      'alice',
      rawMessage({
        from: `Friend ${i} <friend${i}@example.net>`,
        to: a.email,
        subject,
        messageId: `${marker}-${i}@example.net`,
        date: new Date(Date.now() + i * 1000),
      }),
    );
  }
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await signInThroughUi(page, origin, a.username, a.password);
  await page.getByRole('listitem').filter({ hasText: subjects[2]! }).waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('folds the top actions into a Menu and switches to the dark theme, kept across a reload', async () => {
  expect(await page.getByRole('button', { name: 'Settings' }).isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Menu' }).click();
  expect(await page.getByRole('button', { name: /^Theme/ }).count()).toBe(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await settings.getByRole('button', { name: 'Close' }).click();
  // The theme the document had when the first conversation row was added: rows paint in
  // the first commit after a reload, so a theme applied after them is a light flash.
  await page.addInitScript(() => {
    const seen = window as unknown as { themeAtFirstRow?: string };
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[role="listitem"]')) return;
      seen.themeAtFirstRow = document.documentElement.dataset.theme ?? 'none';
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await page.getByRole('listitem').filter({ hasText: subjects[2]! }).waitFor({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { themeAtFirstRow?: string }).themeAtFirstRow)).toBe('dark');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'phone-inbox-dark');
  expect(await seriousA11yViolations(page)).toEqual([]);
}, 60_000);

it('archives a conversation with a swipe left, marks one read with a swipe right, and the server agrees', async () => {
  const archive = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'archive')!;
  const row = page.getByRole('listitem').filter({ hasText: subjects[1]! });
  await swipe(row, -140);
  await expect.poll(() => row.count(), { timeout: 2000 }).toBe(0);
  await page.locator('.toast').getByRole('button', { name: 'Undo' }).waitFor({ timeout: 2000 });
  await waitFor('the archive on the server', async () => {
    const q = await alice.call('Email/query', { filter: { subject: subjects[1]! } });
    const got = await alice.call('Email/get', { ids: q.ids, properties: ['mailboxIds'] });
    return Object.keys(got.list[0]?.mailboxIds ?? {}).join() === archive.id;
  });
  // Right: read, the row stays.
  const read = page.getByRole('listitem').filter({ hasText: subjects[2]! });
  expect(await read.getAttribute('class')).toContain('unread');
  await swipe(read, 140);
  await expect.poll(() => read.getAttribute('class'), { timeout: 2000 }).not.toContain('unread');
  await waitFor('the read mark on the server', async () => {
    const q = await alice.call('Email/query', { filter: { subject: subjects[2]! } });
    const got = await alice.call('Email/get', { ids: q.ids, properties: ['keywords'] });
    return got.list[0]?.keywords?.$seen === true;
  });
  // A short drag is not a swipe: nothing happens.
  const other = page.getByRole('listitem').filter({ hasText: subjects[0]! });
  await swipe(other, 30);
  await page.waitForTimeout(300);
  expect(await other.count()).toBe(1);

  // The folder strip: Archive holds it.
  await page
    .getByRole('navigation', { name: 'Folders' })
    .getByRole('button', { name: /^Archive/ })
    .click();
  await page.getByRole('listitem').filter({ hasText: subjects[1]! }).waitFor({ timeout: 5000 });
}, 60_000);

it('reads a conversation full screen and opens Settings from the Menu', async () => {
  await page
    .getByRole('navigation', { name: 'Folders' })
    .getByRole('button', { name: /^Inbox/ })
    .click();
  await page.getByRole('listitem').filter({ hasText: subjects[0]! }).getByRole('button').click();
  await page.getByText(`Hello, this is ${subjects[0]}.`).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('main').isVisible()).toBe(false);
  // Back and the subject share a line.
  const back = await page.getByRole('button', { name: 'Back to the list' }).boundingBox();
  const title = await page.locator('#conversation-subject').boundingBox();
  expect(Math.abs(back!.y - title!.y)).toBeLessThan(title!.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'phone-conversation-dark');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Back to the list' }).click();

  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.waitFor();
  const box = await settings.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(380);
  await screenshot(page, 'phone-settings-dark');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => settings.count()).toBe(0);
}, 60_000);
