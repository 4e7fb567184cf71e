/**
 * Issue 15 (first part) against a real Cyrus, in one sign-in: archive, then the toast's
 * Undo puts the row back and the server ends as before; the same with the `z` key and
 * offline; Show original is the server's bytes; Report
 * spam moves to Junk with $junk on the server; Delete inside Trash asks, then destroys on
 * the server.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
let roles: Record<string, string>;
const marker = `undo-${randomUUID().slice(0, 6)}`;
const subject = (name: string) => `${marker} ${name}`;
const dialogs: string[] = [];

async function serverEmail(name: string) {
  const q = await alice.call('Email/query', { filter: { subject: subject(name) } });
  const got = await alice.call('Email/get', { ids: q.ids, properties: ['mailboxIds', 'keywords', 'subject'] });
  return got.list.find((e) => e.subject === subject(name));
}
const row = (name: string) => page.getByRole('listitem').filter({ hasText: subject(name) });
const toast = () => page.locator('.toast-region');
const toolbar = () => page.getByRole('toolbar', { name: 'Conversation actions' });
const folder = (role: string) => page.locator(`nav[aria-label="Folders"] button[data-role="${role}"]`);
/** The outbox has nothing left (the button says no count). */
const drained = () =>
  waitFor('the outbox to drain', async () => (await page.getByRole('button', { name: /^Outbox/ }).textContent()) === 'Outbox', 60_000);

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  roles = Object.fromEntries((await alice.call('Mailbox/get', { ids: null })).list.flatMap((m) => (m.role ? [[m.role, m.id]] : [])));
  for (const [i, name] of ['button', 'key', 'spam', 'gone'].entries()) {
    await deliver(
      'alice',
      rawMessage({
        from: `Eve <eve${i}@example.net>`,
        to: a.email,
        subject: subject(name),
        messageId: `${marker}-${i}@example.net`,
        date: new Date(Date.now() + i * 1000),
      }),
    );
  }
  ({ context } = await launchPersistent());
  page = await context.newPage();
  page.on('dialog', (d: Dialog) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await signInThroughUi(page, origin, a.username, a.password);
  await row('gone').waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('undoes an archive from the toast: the row comes back and the server keeps it in the Inbox', async () => {
  await row('button').getByRole('button').click();
  await toolbar().getByRole('button', { name: 'Archive' }).click();
  await expect.poll(() => row('button').count(), { timeout: 2000 }).toBe(0);
  await expect.poll(() => toast().textContent(), { timeout: 2000 }).toBe('Archived 1 conversation · Undo');
  await screenshot(page, 'undo-toast');
  await toast().getByRole('button', { name: 'Undo' }).click();
  await row('button').waitFor({ timeout: 2000 });
  await drained();
  expect(Object.keys((await serverEmail('button'))!.mailboxIds!)).toEqual([roles.inbox]);
}, 90_000);

it('undoes an archive with z', async () => {
  await page.keyboard.press('u');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 40 && !/cursor/.test((await row('key').getAttribute('class')) ?? ''); i++)
    await page.keyboard.press(i < 20 ? 'k' : 'j');
  expect(await row('key').getAttribute('class')).toMatch(/cursor/);
  await page.keyboard.press('e');
  await expect.poll(() => row('key').count(), { timeout: 2000 }).toBe(0);
  await page.keyboard.press('z');
  await row('key').waitFor({ timeout: 2000 });
  await drained();
  expect(Object.keys((await serverEmail('key'))!.mailboxIds!)).toEqual([roles.inbox]);
}, 90_000);

it('shows the original: headers and source as the server keeps them', async () => {
  await row('key').getByRole('button').click();
  await page.getByRole('button', { name: 'Show original' }).click();
  const original = page.getByRole('dialog', { name: 'Original message' });
  const source = original.locator('.original-source');
  await source.waitFor({ timeout: 20_000 });
  const q = await alice.call('Email/query', { filter: { subject: subject('key') } });
  const blobId = (await alice.call('Email/get', { ids: q.ids, properties: ['blobId'] })).list[0]!.blobId!;
  const raw = await (await alice.download(blobId)).text();
  expect(await source.textContent()).toBe(raw);
  expect(await original.locator('.original-headers').textContent()).toContain(`Message-ID: <${marker}-1@example.net>`);
  await screenshot(page, 'show-original');
  await original.getByRole('button', { name: 'Close' }).click();
}, 60_000);

it('undoes offline: nothing reaches the server once back online', async () => {
  await context.setOffline(true);
  try {
    await row('key').getByRole('button').click();
    await toolbar().getByRole('button', { name: 'Star' }).click();
    await expect.poll(() => toast().textContent(), { timeout: 2000 }).toBe('Starred 1 conversation · Undo');
    await page.keyboard.press('z');
    await toolbar().getByRole('button', { name: 'Star' }).waitFor({ timeout: 2000 });
    await toolbar().getByRole('button', { name: 'Archive' }).click();
    await expect.poll(() => row('key').count(), { timeout: 2000 }).toBe(0);
    await toast().getByRole('button', { name: 'Undo' }).click();
    await row('key').waitFor({ timeout: 2000 });
  } finally {
    await context.setOffline(false);
  }
  await drained();
  const e = await serverEmail('key');
  expect(Object.keys(e!.mailboxIds!)).toEqual([roles.inbox]);
  expect(e!.keywords?.$flagged).toBeUndefined();
}, 90_000);

it('reports spam: the message is in Junk with $junk on the server', async () => {
  await row('spam').getByRole('button').click();
  await toolbar().getByRole('button', { name: 'Report spam' }).click();
  await expect.poll(() => row('spam').count(), { timeout: 2000 }).toBe(0);
  await waitFor(
    'the message in Junk on the server',
    async () => {
      const e = await serverEmail('spam');
      return !!e && Object.keys(e.mailboxIds ?? {}).join() === roles.junk && e.keywords?.$junk === true;
    },
    60_000,
  );
  // In Junk it is offered as Not spam, and Archive is still there; Report spam is not.
  await folder('junk').click();
  await row('spam').getByRole('button').click();
  await toolbar().getByRole('button', { name: 'Not spam' }).waitFor({ timeout: 5000 });
  expect(await toolbar().getByRole('button', { name: 'Report spam' }).count()).toBe(0);
}, 90_000);

it('deletes in Trash for good after asking, and the server destroys it', async () => {
  await folder('inbox').click();
  await row('gone').getByRole('button').click();
  await toolbar().getByRole('button', { name: 'Delete' }).click();
  await waitFor(
    'the message in Trash on the server',
    async () => Object.keys((await serverEmail('gone'))?.mailboxIds ?? {}).join() === roles.trash,
    60_000,
  );
  await folder('trash').click();
  await row('gone').getByRole('button').click();
  await toolbar().getByRole('button', { name: 'Delete for good' }).click();
  expect(dialogs.at(-1)).toBe("Delete 1 conversation for good? This can't be undone.");
  await expect.poll(() => row('gone').count(), { timeout: 2000 }).toBe(0);
  await waitFor('the message destroyed on the server', async () => (await serverEmail('gone')) === undefined, 60_000);
}, 90_000);
