/**
 * Issue 14, addresses, on Cyrus with delivery: recipients are chips. alice types the start
 * of the name of someone she wrote to (seeded Sent mail), picks the suggestion with the
 * keyboard, pastes a list with a quoted comma and one entry that is not an address, is
 * refused at Send in words with nothing queued, removes the bad chip with the keyboard,
 * corrects a typo by opening a chip as text, sends; bob receives exactly those To and Cc.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { idbAll } from '../testing/browser/idb.ts';
import { recipientChips, screenshot, seriousA11yViolations, sendFrom, signInThroughUi } from '../testing/browser/ui.ts';
import { roles } from '../testing/roles.ts';
import { waitFor } from '../testing/wait.ts';

const marker = `chips-${randomUUID().slice(0, 8)}`;
let context: BrowserContext;
let page: Page;
let bob: JmapClient;
/** Someone alice wrote to in the seeded mail: the suggestion to pick. */
let wroteTo: { name: string; email: string };

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const auth = (u: { username: string; password: string }) => ({ kind: 'basic' as const, username: u.username, password: u.password });
  const alice = await connect({ url: backend.origin, auth: auth(backend.users.alice) });
  bob = await connect({ url: backend.origin, auth: auth(backend.users.bob) });
  const sent = (await roles(alice)).sent!;
  const q = await alice.call('Email/query', { filter: { inMailbox: sent }, limit: 200 });
  const got = await alice.call('Email/get', { ids: q.ids, properties: ['to'] });
  const counts = new Map<string, { name: string; email: string; n: number }>();
  for (const e of got.list)
    for (const a of e.to ?? [])
      // A seeded person: other files' tests send to bob, who is pasted below.
      if (a.name && /^\p{L}{3}/u.test(a.name) && a.email !== backend.users.bob.email && a.email !== backend.users.alice.email) {
        const c = counts.get(a.email) ?? { name: a.name, email: a.email, n: 0 };
        counts.set(a.email, { ...c, n: c.n + 1 });
      }
  wroteTo = [...counts.values()].sort((a, b) => b.n - a.n)[0]!;
  expect(wroteTo, 'the seed has mail alice sent to a named person').toBeDefined();
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await waitFor('the first sync', async () => /Up to date/.test((await page.getByRole('status').first().textContent()) ?? ''), 120_000);
}, 180_000);

afterAll(async () => {
  await context?.close();
});

/** A paste as the browser delivers it (a ClipboardEvent with text), into the focused field. */
async function paste(text: string): Promise<void> {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

it('chips from a suggestion, a paste and typing; a bad one refused at Send in words; bob gets exactly To and Cc', async () => {
  const { backend } = inject('app');
  const bobEmail = backend.users.bob.email;
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  const to = dialog.getByRole('combobox', { name: 'To', exact: true });
  const cc = dialog.getByRole('combobox', { name: 'Cc', exact: true });

  // A name's first letters, keys only: the listbox offers whom she wrote to; Down, Enter picks.
  await to.focus();
  const prefix = wroteTo.name.slice(0, 3).toLowerCase();
  await page.keyboard.type(prefix, { delay: 30 });
  const list = dialog.getByRole('listbox', { name: 'Suggestions for To' });
  const option = list.getByRole('option').filter({ hasText: wroteTo.email });
  await option.waitFor({ timeout: 20_000 });
  await screenshot(page, 'recipient-suggestions');
  // Escape closes the list only (the composer stays); Down opens it again.
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });
  expect(await dialog.isVisible()).toBe(true);
  await page.keyboard.press('ArrowDown');
  await option.waitFor();
  const options = await list.getByRole('option').allTextContents();
  expect(options.length).toBeLessThanOrEqual(8);
  expect(options.join('\n')).not.toContain(backend.users.alice.email);
  for (let i = 0; i < 9 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  expect(await option.getAttribute('aria-selected')).toBe('true');
  expect(await to.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await recipientChips(dialog, 'To')).map((c) => c.address)).toEqual([wroteTo.email]);
  expect(await to.inputValue()).toBe('');

  // A pasted list: the quoted comma stays in the name, the garbage is one red chip.
  await paste(`"Builder, Bob" <${bobEmail}>, carl@example.org; not an address`);
  expect(await recipientChips(dialog, 'To')).toEqual([
    { name: wroteTo.name, address: wroteTo.email, addressShown: false, invalid: false },
    { name: 'Builder, Bob', address: bobEmail, addressShown: false, invalid: false },
    { name: 'carl@example.org', address: 'carl@example.org', addressShown: false, invalid: false },
    { name: 'not an address', address: 'not an address', addressShown: false, invalid: true },
  ]);
  await dialog.getByText('not a valid address').waitFor();

  // Cc typed with a typo, ended by a comma; the chip opened as text (Backspace selects, Enter edits) and fixed.
  await cc.focus();
  await page.keyboard.type('dee@exmaple.org,', { delay: 20 });
  expect((await recipientChips(dialog, 'Cc')).map((c) => c.address)).toEqual(['dee@exmaple.org']);
  await page.keyboard.press('Backspace');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe('dee@exmaple.org');
  await page.keyboard.press('Enter');
  expect(await cc.inputValue()).toBe('dee@exmaple.org');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Dee <dee@example.org>');
  await page.keyboard.press('Tab');
  expect(await recipientChips(dialog, 'Cc')).toEqual([{ name: 'Dee', address: 'dee@example.org', addressShown: false, invalid: false }]);
  // One more, removed with its × button.
  await cc.focus();
  await page.keyboard.type('zed@example.org;');
  await dialog.getByRole('button', { name: 'Remove zed@example.org', exact: true }).click();
  expect((await recipientChips(dialog, 'Cc')).map((c) => c.address)).toEqual(['dee@example.org']);

  await dialog.getByLabel('Subject').fill(marker);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Chips all the way down.');
  await screenshot(page, 'recipients-as-chips');
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Send is refused in words while the bad chip is there, and nothing is queued.
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect
    .poll(() => dialog.getByRole('alert').textContent())
    .toBe('Not sent: “not an address” is not a valid address. Correct it or remove it, then send again.');
  const sends = async () =>
    (await idbAll<{ intent?: { kind?: string; content?: { subject?: string } } }>(page, 'outbox')).filter(
      (r) => r.intent?.kind === 'send' && r.intent.content?.subject === marker,
    );
  expect(await sends()).toEqual([]);

  // Keyboard only: in the empty To, Backspace selects the last chip, Backspace again removes it.
  await to.focus();
  await page.keyboard.press('Backspace');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
  await page.keyboard.press('Backspace');
  expect((await recipientChips(dialog, 'To')).map((c) => c.address)).toEqual([wroteTo.email, bobEmail, 'carl@example.org']);
  expect(await to.evaluate((e) => e === document.activeElement)).toBe(true);

  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/sending in \d+ s/).waitFor();

  const got = await waitFor(
    'bob to receive it',
    async () => {
      const q = await bob.call('Email/query', { filter: { subject: marker } });
      if (!q.ids.length) return undefined;
      const list = (await bob.call('Email/get', { ids: q.ids, properties: ['subject', 'to', 'cc', 'header:To:asRaw'] })).list;
      return list.find((e) => e.subject === marker);
    },
    90_000,
    500,
  );
  expect(got.to).toEqual([
    { name: wroteTo.name, email: wroteTo.email },
    { name: 'Builder, Bob', email: bobEmail },
    { name: null, email: 'carl@example.org' },
  ]);
  expect(got.cc).toEqual([{ name: 'Dee', email: 'dee@example.org' }]);
  expect(got['header:To:asRaw']).toContain('"Builder, Bob"');
}, 240_000);
