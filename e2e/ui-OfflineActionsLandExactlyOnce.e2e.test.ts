/**
 * Issue 4 in the browser (persistent profile, against Cyrus): offline, archive, flag, mark
 * read and send (one with an attachment); reload while still offline: all of it still
 * shows as done; back online: the server matches and bob receives each message once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi, sendFrom } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
let bob: JmapClient;
const m = randomUUID().slice(0, 8);
const subjects = Array.from({ length: 6 }, (_, i) => `offline-${m} #${i}`);

async function bySubject(client: JmapClient, subject: string) {
  const q = await client.call('Email/query', { filter: { subject } });
  if (!q.ids.length) return [];
  return (await client.call('Email/get', { ids: q.ids, properties: ['subject', 'mailboxIds', 'keywords', 'attachments'] })).list.filter(
    (e) => e.subject === subject,
  );
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  bob = await connect({
    url: backend.origin,
    auth: { kind: 'basic', username: backend.users.bob.username, password: backend.users.bob.password },
  });
  for (const [i, subject] of subjects.entries())
    await deliver(
      'alice',
      rawMessage({ from: `Ola ${i} <ola${i}@example.net>`, to: a.email, subject, messageId: `${m}-${i}@example.net` }),
    );
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await waitFor(
    'the mail in the list',
    async () =>
      (await page
        .getByRole('listitem')
        .filter({ hasText: `offline-${m}` })
        .count()) === 6,
    90_000,
  );
  // The worker controls the page (so a reload works with no network).
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

const row = (i: number) => page.getByRole('listitem').filter({ hasText: subjects[i]! });

it('keeps offline actions across an offline reload and applies them exactly once online', async () => {
  const { backend } = inject('app');
  await context.setOffline(true);
  // Said the moment the network goes, not when a sync attempt next fails.
  await expect
    .poll(() => page.locator('.sync-status').textContent(), { timeout: 2_000 })
    .toMatch(/^Offline: what you do is kept on this device/);
  // Archive 2, flag 2, mark 2 read: through the list's checkboxes and the bulk bar.
  const bulk = async (indexes: number[], action: string) => {
    for (const i of indexes) await row(i).getByRole('checkbox').check();
    await page.getByRole('toolbar', { name: 'Selected conversations' }).getByRole('button', { name: action }).click();
    await page
      .getByRole('toolbar', { name: 'Selected conversations' })
      .getByRole('button', { name: 'Clear' })
      .click()
      .catch(() => undefined);
  };
  await bulk([0, 1], 'Archive');
  await bulk([2, 3], 'Star');
  await bulk([4, 5], 'Mark read');
  // And write two messages, one with an attachment.
  for (const [n, withFile] of [
    [0, false],
    [1, true],
  ] as const) {
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await sendFrom(dialog, backend.users.alice.email);
    await dialog.getByLabel('To', { exact: true }).fill(backend.users.bob.email);
    await dialog.getByLabel('Subject').fill(`offline-${m} sent ${n}`);
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Written on a plane.');
    if (withFile)
      await dialog
        .locator('input[type=file]')
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x'.repeat(50_000)) });
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  }
  const check = async () => {
    await waitFor('archived ones gone', async () => (await row(0).count()) + (await row(1).count()) === 0, 10_000);
    await waitFor(
      'stars',
      async () => (await row(2).getByLabel('starred').count()) === 1 && (await row(3).getByLabel('starred').count()) === 1,
      10_000,
    );
    expect(await row(4).getAttribute('class')).not.toMatch(/unread/);
  };
  await check();
  // Reload with no network: the app from the worker's cache, the actions from the outbox.
  await page.reload();
  await row(2).waitFor({ timeout: 15_000 });
  await check();
  await page.getByRole('button', { name: /^Outbox/ }).click();
  await screenshot(page, 'offline-outbox');
  // Three triage actions and two messages wait in the outbox.
  expect(await page.getByRole('button', { name: 'Outbox (5)' }).count()).toBe(1);

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  const archive = (await alice.call('Mailbox/get', { ids: null })).list.find((x) => x.role === 'archive')!.id;
  await waitFor(
    'the server to match',
    async () => {
      const [a0, a1, f2, f3, r4, r5] = await Promise.all(subjects.map((s) => bySubject(alice, s).then((l) => l[0])));
      return (
        Object.keys(a0?.mailboxIds ?? {}).join() === archive &&
        Object.keys(a1?.mailboxIds ?? {}).join() === archive &&
        !!f2?.keywords?.$flagged &&
        !!f3?.keywords?.$flagged &&
        !!r4?.keywords?.$seen &&
        !!r5?.keywords?.$seen
      );
    },
    90_000,
  );
  for (const n of [0, 1]) {
    const subject = `offline-${m} sent ${n}`;
    await waitFor(`bob to receive ${subject}`, async () => (await bySubject(bob, subject)).length > 0, 90_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await bySubject(bob, subject)).toHaveLength(1);
    const mine = await bySubject(alice, subject);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.keywords?.$draft).toBeUndefined();
  }
  expect((await bySubject(bob, `offline-${m} sent 1`))[0]!.attachments?.map((a) => a.name)).toEqual(['notes.txt']);
  await waitFor('the outbox to empty', async () => (await page.getByRole('button', { name: /^Outbox$/ }).count()) === 1, 90_000);
}, 240_000);
