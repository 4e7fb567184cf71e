/**
 * Issue 6 acceptance: compose and send with an attachment that arrives in bob's Inbox
 * (Cyrus delivers it over LMTP through the test relay); undo stops a send and keeps the
 * message as a draft; a draft being written survives a reload, shows once (in Drafts once
 * the server has it) and goes from the server when discarded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, seriousA11yViolations, signInThroughUi, sendFrom } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let bob: JmapClient;
let alice: JmapClient;
const marker = `compose-${randomUUID().slice(0, 8)}`;

async function inbox(client: JmapClient, subject: string) {
  const q = await client.call('Email/query', { filter: { subject } });
  if (!q.ids.length) return [];
  return (await client.call('Email/get', { ids: q.ids, properties: ['subject', 'mailboxIds', 'keywords', 'attachments', 'hasAttachment'] }))
    .list;
}

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

async function write(subject: string, body: string, withFile: boolean): Promise<void> {
  const { backend } = inject('app');
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByLabel('To', { exact: true }).fill(`Bob <${backend.users.bob.email}>`);
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill(body);
  if (withFile) {
    const bytes = Buffer.alloc(200 * 1024, 7);
    await dialog.locator('input[type=file]').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: bytes });
    await dialog.getByText('report.pdf').waitFor();
  }
}

it('sends a message with an attachment that arrives in bob’s Inbox once, and files it in Sent', async () => {
  const subject = `${marker} with attachment`;
  await write(subject, 'Hello Bob, the report is attached.', true);
  await screenshot(page, 'compose');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
  // Held for undo, visibly.
  await page.getByText(/sending in \d+ s/).waitFor();
  const received = await eventually(
    'bob to receive it',
    async () => {
      const list = await inbox(bob, subject);
      return list.length ? list : undefined;
    },
    90_000,
  );
  expect(received).toHaveLength(1);
  expect(received[0]!.attachments?.map((a) => a.name)).toContain('report.pdf');
  const mine = await eventually('alice’s Sent copy', async () => {
    const list = await inbox(alice, subject);
    return list.length && !list[0]!.keywords?.$draft ? list : undefined;
  });
  const sent = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'sent')!.id;
  expect(Object.keys(mine[0]!.mailboxIds ?? {})).toEqual([sent]);
}, 180_000);

it('undo stops a send and keeps the message as a draft on this device', async () => {
  const subject = `${marker} thought better of it`;
  await write(subject, 'On second thoughts…', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
  // The held send's own Undo: the Outbox list and an action's toast have Undo buttons too.
  const held = page.locator('p.held').filter({ hasText: /sending in \d+ s/ });
  await held.waitFor();
  await held.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('region', { name: 'Drafts on this device' }).getByRole('button', { name: subject }).waitFor();
  await new Promise((r) => setTimeout(r, 12_000));
  expect(await inbox(bob, subject)).toEqual([]);
}, 60_000);

it('keeps a draft being written across a reload, shown once: in Drafts when the server has it', async () => {
  const subject = `${marker} unfinished`;
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Subject').fill(subject);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Half a thought');
  // Saved a second after the last key (on this device and, through the outbox, on the server).
  await eventually('the draft on the server', async () =>
    (await inbox(alice, subject)).some((e) => e.keywords?.$draft) ? true : undefined,
  );
  await page.reload();
  // The mirror holds the server's copy after the reload's sync: the Drafts folder lists
  // it, "Drafts on this device" does not (a draft shows once), and it opens in the composer.
  await page
    .getByRole('navigation', { name: 'Folders' })
    .getByRole('button', { name: /^Drafts/ })
    .click();
  await page.getByRole('listitem').filter({ hasText: subject }).click();
  const reopened = page.getByRole('dialog', { name: 'New message' });
  // Polled, not read once: the composer fills in from the draft's row, and the local list
  // hears of the server's copy, each by its own live read (a loaded machine showed an
  // empty field for a moment after the dialog appeared).
  await expect.poll(() => reopened.getByLabel('Subject').inputValue()).toBe(subject);
  await expect.poll(() => reopened.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Half a thought');
  await expect
    .poll(() => page.getByRole('region', { name: 'Drafts on this device' }).getByRole('button', { name: subject }).count())
    .toBe(0);
  await reopened.getByRole('button', { name: 'Discard' }).click();
  await eventually('the discarded draft gone from the server', async () => ((await inbox(alice, subject)).length === 0 ? true : undefined));
}, 90_000);
