/**
 * Issue 14 acceptance, send later on Cyrus (it holds the mail itself: its calalarmd sends
 * it at the time; the test relay only advertises FUTURERELEASE): a message scheduled in
 * the composer's picker 30 s ahead is listed under Scheduled with its time, is not in
 * bob's Inbox before then and is after; a second one canceled from Scheduled never
 * arrives and is back in Drafts; Edit cancels one and opens it in the composer.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { localInputValue } from '../src/ui/compose/sendLater.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, seriousA11yViolations, signInThroughUi, sendFrom } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
let bob: JmapClient;
let alice: JmapClient;
const marker = `later-${randomUUID().slice(0, 8)}`;
const AHEAD_MS = 30_000;

async function found(client: JmapClient, subject: string) {
  const q = await client.call('Email/query', { filter: { subject } });
  if (!q.ids.length) return [];
  return (await client.call('Email/get', { ids: q.ids, properties: ['subject', 'mailboxIds', 'keywords'] })).list;
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const as = (u: { username: string; password: string }) =>
    connect({ url: backend.origin, auth: { kind: 'basic', username: u.username, password: u.password } });
  bob = await as(backend.users.bob);
  alice = await as(backend.users.alice);
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await waitFor('the first sync', async () => /Up to date/.test((await page.getByRole('status').first().textContent()) ?? ''), 60_000, 300);
}, 120_000);

afterAll(async () => {
  await context?.close();
});

/** Writes a message to bob and schedules it in the picker; answers the time it was given. */
async function schedule(subject: string): Promise<number> {
  const { backend } = inject('app');
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByLabel('To', { exact: true }).fill(`Bob <${backend.users.bob.email}>`);
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Not yet, please.');
  await dialog.getByRole('button', { name: 'Send later…' }).click();
  const panel = dialog.getByRole('group', { name: 'Send later' });
  // The presets are there (this server holds 30 days); the picker takes a time 30 s ahead.
  await panel.getByRole('button', { name: 'In 1 hour' }).waitFor();
  const at = Math.ceil((Date.now() + AHEAD_MS) / 1000) * 1000;
  await panel.getByLabel('Date and time').fill(localInputValue(at));
  await screenshot(page, 'send-later');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await panel.getByRole('button', { name: 'Schedule' }).click();
  await dialog.waitFor({ state: 'detached' });
  return at;
}

it('holds a scheduled message until its time, lists it in Scheduled, and a canceled one never arrives', async () => {
  const kept = `${marker} kept`;
  const canceled = `${marker} canceled`;
  const keptAt = await schedule(kept);
  await schedule(canceled);

  await page.getByRole('button', { name: 'Scheduled', exact: true }).click();
  const view = page.getByRole('region', { name: 'Scheduled' });
  const keptRow = view.getByRole('listitem').filter({ hasText: kept });
  const canceledRow = view.getByRole('listitem').filter({ hasText: canceled });
  await keptRow.getByRole('button', { name: 'Cancel' }).waitFor({ timeout: 20_000 });
  expect(Date.parse((await keptRow.locator('time').getAttribute('datetime')) ?? '')).toBe(keptAt);
  await canceledRow.getByRole('button', { name: 'Cancel' }).click();
  // "canceling" until the server has it, then gone from the list.
  await canceledRow.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 20_000 });
  await waitFor('the cancel to land', async () => (await canceledRow.count()) === 0, 20_000, 300);
  await screenshot(page, 'scheduled');

  // Not before its time (looked at until 3 s before it), then delivered, once.
  while (Date.now() < keptAt - 3000) {
    expect(await found(bob, kept), 'bob got it before its time').toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await waitFor('bob to get the scheduled message', async () => (await found(bob, kept)).length > 0, 30_000, 500);
  expect(Date.now()).toBeGreaterThanOrEqual(keptAt - 1000);
  await keptRow.waitFor({ state: 'detached', timeout: 20_000 });

  // The canceled one, due at the same moment: never, and it is a draft again.
  await new Promise((r) => setTimeout(r, 5000));
  expect(await found(bob, canceled)).toEqual([]);
  expect(await found(bob, kept)).toHaveLength(1);
  const drafts = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'drafts')!.id;
  const [back] = await found(alice, canceled);
  expect(back?.mailboxIds).toEqual({ [drafts]: true });
  expect(back?.keywords?.$draft).toBe(true);
}, 150_000);

it('Edit cancels a scheduled message and opens it in the composer', async () => {
  const subject = `${marker} edited`;
  await schedule(subject);
  const view = page.getByRole('region', { name: 'Scheduled' });
  if (!(await view.isVisible())) await page.getByRole('button', { name: 'Scheduled', exact: true }).click();
  const row = view.getByRole('listitem').filter({ hasText: subject });
  await row.getByRole('button', { name: 'Edit' }).click({ timeout: 20_000 });
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
    throw new Error(`${String(e)}; Scheduled said: ${await view.textContent()}`);
  });
  expect(await dialog.getByLabel('Subject').inputValue()).toBe(subject);
  expect(await dialog.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Not yet, please.');
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await waitFor('the edited one gone from the server', async () => (await found(alice, subject)).length === 0, 60_000, 500);

  expect(await found(bob, subject)).toEqual([]);
}, 90_000);
