/**
 * Folders against a real Cyrus: create, rename, create inside, move under another,
 * delete — each an intent shown at once and then true on the server; "Move to" a folder
 * by keyboard (v) from the list, and a non-empty folder is not deleted.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, seriousA11yViolations, signInThroughUi } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
const marker = `fold-${randomUUID().slice(0, 6)}`;
/** What the next prompt/confirm/alert answers, and the messages they showed. */
let answer: string | boolean = true;
const dialogs: string[] = [];

async function serverMailboxes() {
  return (await alice.call('Mailbox/get', { ids: null, properties: ['name', 'parentId', 'role', 'totalEmails'] })).list;
}

const folder = (name: string) => page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${name}`) });

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  await deliver(
    'alice',
    rawMessage({ from: 'Dora <dora@example.net>', to: a.email, subject: `${marker} file me`, messageId: `${marker}@example.net` }),
  );
  ({ context } = await launchPersistent());
  page = await context.newPage();
  page.on('dialog', (d: Dialog) => {
    dialogs.push(d.message());
    void (d.type() === 'prompt' ? d.accept(String(answer)) : answer === false ? d.dismiss() : d.accept());
  });
  await signInThroughUi(page, origin, a.username, a.password);
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} file me` })
    .waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('creates, renames, nests and deletes folders; the server agrees', async () => {
  answer = `${marker} Projects`;
  // Folder creation is in the folder list's own menu (it stays open while folders change).
  await page.getByRole('button', { name: 'Folder menu' }).click();
  await page.getByRole('button', { name: 'New folder', exact: true }).click();
  await folder(`${marker} Projects`).waitFor({ timeout: 2000 });
  await waitFor('the folder on the server', async () =>
    (await serverMailboxes()).some((m) => m.name === `${marker} Projects` && !m.parentId),
  );

  // A rename begun on a folder the server has not made yet (offline) goes on when the
  // server's answer swaps the local folder for the server's: the field stays, with what
  // was typed (a loaded CI machine met this swap between the click and the typing).
  answer = `${marker} Later`;
  await context.setOffline(true);
  await page.getByRole('button', { name: 'New folder', exact: true }).click();
  await folder(`${marker} Later`).click();
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel(`New name for ${marker} Later`).fill(`${marker} Lat`);
  await context.setOffline(false);
  await waitFor('the offline folder on the server', async () => (await serverMailboxes()).some((m) => m.name === `${marker} Later`));
  // The page hears the server's answer about when the server has it.
  await page.waitForTimeout(1500);
  await page.getByLabel(`New name for ${marker} Later`).press('End');
  await page.keyboard.type('er2');
  await page.keyboard.press('Enter');
  await waitFor('the rename typed across the swap on the server', async () =>
    (await serverMailboxes()).some((m) => m.name === `${marker} Later2`),
  );

  await folder(`${marker} Projects`).click();
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel(`New name for ${marker} Projects`).fill(`${marker} Work`);
  await page.keyboard.press('Enter');
  await folder(`${marker} Work`).waitFor({ timeout: 2000 });
  await waitFor('the new name on the server', async () => (await serverMailboxes()).some((m) => m.name === `${marker} Work`));

  answer = `${marker} Old`;
  await page.getByRole('button', { name: 'New folder', exact: true }).click();
  await waitFor('the second folder on the server', async () => (await serverMailboxes()).some((m) => m.name === `${marker} Old`));
  await folder(`${marker} Old`).click();
  const work = (await serverMailboxes()).find((m) => m.name === `${marker} Work`)!;
  await page.getByLabel('Move into').selectOption({ label: `${marker} Work` });
  await waitFor(
    'the folder moved under the other on the server',
    async () => (await serverMailboxes()).find((m) => m.name === `${marker} Old`)?.parentId === work.id,
  );
  // Shown nested: indented under its parent.
  const indent = await page
    .getByRole('navigation', { name: 'Folders' })
    .locator('li', { hasText: `${marker} Old` })
    .evaluate((li) => getComputedStyle(li).paddingInlineStart);
  expect(parseFloat(indent)).toBeGreaterThan(0);
  await screenshot(page, 'folders');
  expect(await seriousA11yViolations(page)).toEqual([]);

  answer = true;
  await page.getByRole('button', { name: 'Delete folder' }).click();
  await expect.poll(() => folder(`${marker} Old`).count(), { timeout: 2000 }).toBe(0);
  await waitFor('the folder gone from the server', async () => !(await serverMailboxes()).some((m) => m.name === `${marker} Old`));
}, 120_000);

it('moves a conversation to a folder by keyboard (v), and keeps a folder with mail from deletion', async () => {
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  const row = page.getByRole('listitem').filter({ hasText: `${marker} file me` });
  await row.waitFor();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 40 && !/cursor/.test((await row.getAttribute('class')) ?? ''); i++) await page.keyboard.press('j');
  expect(await row.getAttribute('class')).toMatch(/cursor/);
  await page.keyboard.press('v');
  const moveTo = page.getByRole('toolbar', { name: 'Selected conversations' }).getByLabel('Move to folder');
  await expect.poll(() => moveTo.evaluate((el) => el === document.activeElement)).toBe(true);
  await moveTo.selectOption({ label: `${marker} Work` });
  await expect.poll(() => row.count(), { timeout: 2000 }).toBe(0);
  const work = (await serverMailboxes()).find((m) => m.name === `${marker} Work`)!;
  await waitFor('the message in the folder on the server', async () => {
    const q = await alice.call('Email/query', { filter: { inMailbox: work.id } });
    return q.ids.length === 1;
  });

  // The folder shows it; deleting the folder is refused in words, and nothing is queued.
  await folder(`${marker} Work`).click();
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} file me` })
    .waitFor();
  dialogs.length = 0;
  await page.getByRole('button', { name: 'Delete folder' }).click();
  await expect.poll(() => dialogs[0]).toMatch(/still holds 1 message\. Move or delete them first\./);
  await page.waitForTimeout(1000);
  expect((await serverMailboxes()).some((m) => m.name === `${marker} Work`)).toBe(true);
}, 90_000);
