/**
 * Issue 12 in part, in the browser against Cyrus: offline (airplane mode) and with the
 * server unreachable (its requests aborted), a message whose text was never fetched says
 * in words within 2 s that it is not on this device and why, never "Loading…" with no
 * end, and the list marks it; an archive, a move and a send made offline read in the
 * Outbox as what was done, named, with the send "Will be sent when you are back online";
 * back online they reach the server once and the message that was not here opens by itself.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, sendFrom, signInThroughUi } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
let bob: JmapClient;
const m = randomUUID().slice(0, 8);
const folderName = `Receipts ${m}`;
const subject = {
  kept: `kept-${m} opened online`,
  far: `far-${m} never opened`,
  far2: `far2-${m} never opened`,
  archive: `arch-${m} to archive`,
  move: `mv-${m} to move`,
  sent: `plane-${m} sent`,
};
let folderId = '';

/** The account's newest messages with this subject (read by date, not by the server's search index, which may lag). */
async function bySubject(client: JmapClient, s: string) {
  const q = await client.call('Email/query', { sort: [{ property: 'receivedAt', isAscending: false }], limit: 50 });
  if (!q.ids.length) return [];
  return (await client.call('Email/get', { ids: q.ids, properties: ['subject', 'mailboxIds'] })).list.filter((e) => e.subject === s);
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  bob = await connect({
    url: backend.origin,
    auth: { kind: 'basic', username: backend.users.bob.username, password: backend.users.bob.password },
  });
  const made = await alice.call('Mailbox/set', { create: { r: { name: folderName, parentId: null } } });
  folderId = made.created!.r!.id;
  for (const [key, s] of Object.entries(subject).filter(([k]) => k !== 'sent' && k !== 'kept'))
    await deliver(
      'alice',
      rawMessage({
        from: `Ola <ola@example.net>`,
        to: a.email,
        subject: s,
        messageId: `${key}-${m}@example.net`,
        body: `The text of ${s}.`,
      }),
    );
  // With an attachment nobody opens.
  await deliver(
    'alice',
    [
      'From: Ola <ola@example.net>',
      `To: ${a.email}`,
      `Subject: ${subject.kept}`,
      `Message-ID: <kept-${m}@example.net>`,
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mix"',
      '',
      '--mix',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `The text of ${subject.kept}.`,
      '--mix',
      'Content-Type: text/plain; name="boarding.txt"',
      'Content-Disposition: attachment; filename="boarding.txt"',
      '',
      'Seat 12A.',
      '--mix--',
      '',
    ].join('\r\n'),
  );
  // They live in a folder not kept offline: no text is fetched unless opened.
  const far = [
    ...(await bySubject(alice, subject.far)),
    ...(await bySubject(alice, subject.far2)),
    ...(await bySubject(alice, subject.kept)),
  ];
  await alice.call('Email/set', { update: Object.fromEntries(far.map((e) => [e.id, { mailboxIds: { [folderId]: true } }])) });

  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await waitFor(
    'the mail in the list',
    async () =>
      (await page
        .getByRole('listitem')
        .filter({ hasText: `-${m} to ` })
        .count()) === 2,
    90_000,
  );
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
  // Every folder is kept offline by default: the person leaves this one out in Settings, and
  // its text (fetched by the first sync, or not yet) leaves the device within a cycle.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('group', { name: 'Folders kept offline' }).getByRole('checkbox', { name: folderName }).uncheck();
  await waitFor('the choice in words', async () => (await settings.getByText(`in every folder but ${folderName}`).count()) === 1, 10_000);
  await settings.getByRole('button', { name: 'Close' }).click();
  const farIds = far.map((e) => e.id);
  await waitFor(
    "the left-out folder's text to leave the device",
    async () =>
      (await page.evaluate(
        async ([accountId, ids]) => {
          const db = await new Promise<IDBDatabase>((res) => {
            const r = indexedDB.open('mail');
            r.onsuccess = () => res(r.result);
          });
          const store = db.transaction('bodies').objectStore('bodies');
          const found = await Promise.all(
            ids.map(
              (id) => new Promise<boolean>((res) => (store.get([accountId, id]).onsuccess = (e) => res(!!(e.target as IDBRequest).result))),
            ),
          );
          db.close();
          return found.filter(Boolean).length;
        },
        [alice.accountId, farIds] as const,
      )) === 0,
    60_000,
  );
}, 180_000);

afterAll(async () => {
  await context?.close();
});

const row = (s: string) => page.getByRole('listitem').filter({ hasText: s });
const folder = (name: string) => page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${name}`) });
const words = () => page.locator('article.conversation .not-on-device');
const text = () => page.locator('article.conversation .message-body').textContent();

it('says offline what is not on the device, words the Outbox, and flushes once back online', async () => {
  const { backend } = inject('app');
  await folder(folderName).click();
  await row(subject.far).waitFor({ timeout: 30_000 });
  // Opened online: its text is kept on the device.
  await row(subject.kept).getByRole('button').first().click();
  await expect.poll(text, { timeout: 10_000 }).toContain(`The text of ${subject.kept}.`);
  await waitFor(
    'its read mark to reach the server',
    async () => (await page.getByRole('button', { name: /^Outbox$/ }).count()) === 1,
    20_000,
  );

  // Airplane mode: the row is marked, and opening it says why within 2 s.
  await context.setOffline(true);
  await expect.poll(() => row(subject.far).getByRole('img', { name: 'text not on this device' }).count(), { timeout: 2_000 }).toBe(1);
  expect(await row(subject.kept).getByRole('img', { name: 'text not on this device' }).count()).toBe(0);
  await row(subject.far).getByRole('button').first().click();
  await expect
    .poll(() => words().textContent(), { timeout: 2_000 })
    .toMatch(
      /not on this device: it is in a folder not kept offline, and was never opened on this device\. You are offline: it will download when you are back online\./,
    );

  // The server unreachable (the network up, its requests failing): said so, within 2 s.
  await context.route('**/jmap/**', (route) => route.abort());
  await context.setOffline(false);
  await row(subject.far2).getByRole('button').first().click();
  await expect.poll(() => words().textContent(), { timeout: 2_000 }).toMatch(/not on this device.*The mail server cannot be reached/);
  expect(await page.getByText('Loading the message…').count()).toBe(0);
  // What was opened online opens with the server unreachable; its attachment, never
  // opened, says so in words and downloads by itself once the server answers.
  await row(subject.kept).getByRole('button').first().click();
  await expect.poll(text, { timeout: 2_000 }).toContain(`The text of ${subject.kept}.`);
  await page.getByRole('button', { name: 'Download boarding.txt' }).click();
  await expect
    .poll(() => page.locator('article.conversation [role=alert]').first().textContent(), { timeout: 2_000 })
    .toMatch(
      /“boarding\.txt” is not on this device: it is in a folder not kept offline, and was never opened here\. The mail server cannot be reached/,
    );
  const download = page.waitForEvent('download', { timeout: 15_000 });
  await context.unrouteAll({ behavior: 'wait' });
  expect((await download).suggestedFilename()).toBe('boarding.txt');
  await context.route('**/jmap/**', (route) => route.abort());

  // Offline again: archive one, move one, send one; the Outbox says each in words.
  await context.setOffline(true);
  await folder('Inbox').click();
  await row(subject.archive).getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected conversations' }).getByRole('button', { name: 'Archive' }).click();
  await row(subject.move).getByRole('checkbox').check();
  await page.getByRole('toolbar', { name: 'Selected conversations' }).getByLabel('Move to folder').selectOption({ label: folderName });
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByLabel('To', { exact: true }).fill(backend.users.bob.email);
  await dialog.getByLabel('Subject').fill(subject.sent);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Written on a plane.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const outbox = page.getByRole('region', { name: 'Outbox' });
  await expect.poll(() => outbox.textContent(), { timeout: 2_000 }).toMatch(/sending in \d+ s/);
  // After the undo window: no "sending in 0 s", but when it will go.
  const lines = async () => (await outbox.locator('li').allTextContents()).filter((l) => !l.startsWith('Mark '));
  await expect
    .poll(lines, { timeout: 15_000 })
    .toEqual([
      expect.stringMatching(new RegExp(`^Archive “${subject.archive}” — Will be done when you are back online`)),
      expect.stringMatching(new RegExp(`^Move “${subject.move}” to ${folderName} — Will be done when you are back online`)),
      expect.stringMatching(new RegExp(`^Send “${subject.sent}” to ${backend.users.bob.email} — Will be sent when you are back online`)),
    ]);
  // Opening mail adds no line of its own: the read marks (those the server has not had yet) are one line at most.
  const marks = (await outbox.locator('li').allTextContents()).filter((l) => l.startsWith('Mark '));
  expect(marks.length).toBeLessThanOrEqual(1);
  expect(marks.join()).toMatch(/^(Mark (“far2?-.*” as read|2 messages as read) — Will be done when you are back online.*)?$/);
  expect(await page.getByText(/sending in 0 s/).count()).toBe(0);
  await screenshot(page, 'offline-words-outbox');

  // Leave the message that was not here open, and come back online.
  await folder(folderName).click();
  await row(subject.far).getByRole('button').first().click();
  await expect.poll(() => words().textContent(), { timeout: 2_000 }).toMatch(/You are offline/);
  await context.unrouteAll({ behavior: 'wait' });
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  // It opens by itself.
  await expect.poll(text, { timeout: 20_000 }).toContain(`The text of ${subject.far}.`);

  const archive = (await alice.call('Mailbox/get', { ids: null })).list.find((x) => x.role === 'archive')!.id;
  await waitFor(
    'the server to match',
    async () => {
      const [a] = await bySubject(alice, subject.archive);
      const [v] = await bySubject(alice, subject.move);
      return Object.keys(a?.mailboxIds ?? {}).join() === archive && Object.keys(v?.mailboxIds ?? {}).join() === folderId;
    },
    60_000,
  );
  await waitFor('bob to receive it', async () => (await bySubject(bob, subject.sent)).length > 0, 60_000);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await bySubject(bob, subject.sent)).toHaveLength(1);
  await waitFor('the outbox to empty', async () => (await page.getByRole('button', { name: /^Outbox$/ }).count()) === 1, 60_000);
}, 180_000);
