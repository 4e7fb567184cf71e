/**
 * Issue 14 (replies half), in Debian Chromium against Cyrus with mail delivery: a reply to
 * an HTML-only message with Reply-To reaches the Reply-To address with In-Reply-To and the
 * References chain, quotes the message as sanitized HTML, and marks the original
 * $answered; a forward carries the original's attachment byte for byte and marks it
 * $forwarded. One sign-in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { recipientChips, screenshot, sendFrom, signInThroughUi } from '../testing/browser/ui.ts';
import { importMessage } from '../testing/backends/connect.ts';
import { roles } from '../testing/roles.ts';
import { waitFor } from '../testing/wait.ts';

const marker = `replies-${randomUUID().slice(0, 8)}`;
// Two originals: a reply joins its original's thread, and the conversation's actions
// answer its newest message.
const subject = `Plans ${marker}`;
const forwarded = `Figures ${marker}`;
const PDF = Buffer.from('%PDF-1.4 quarterly plan, byte for byte\n'.repeat(64));

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
let bob: JmapClient;
let originalId: string;
let forwardedId: string;

/** bob's copy of the message with this subject, with the headers a reply is judged by. */
async function received(subjectIs: string) {
  return waitFor(
    `bob to receive “${subjectIs}”`,
    async () => {
      const q = await bob.call('Email/query', { filter: { subject: subjectIs } });
      const got = q.ids.length
        ? await bob.call('Email/get', {
            ids: q.ids,
            properties: [
              'subject',
              'to',
              'header:In-Reply-To:asMessageIds',
              'header:References:asMessageIds',
              'textBody',
              'htmlBody',
              'attachments',
              'bodyValues',
            ],
            fetchAllBodyValues: true,
          })
        : { list: [] };
      return got.list.find((e) => e.subject === subjectIs) as Record<string, unknown> | undefined;
    },
    90_000,
    500,
  );
}

async function keywords(id = originalId) {
  return (await alice.call('Email/get', { ids: [id], properties: ['keywords'] })).list[0]!.keywords ?? {};
}

/** HTML-only mail from carol with a Reply-To (bob), a References chain and a PDF. */
function original(subjectIs: string, id: string, backend: { users: { alice: { email: string }; bob: { email: string } } }) {
  return [
    'From: Carol Example <carol@example.net>',
    `Reply-To: Bob <${backend.users.bob.email}>`,
    `To: Alice <${backend.users.alice.email}>`,
    `Subject: ${subjectIs}`,
    `Message-ID: <${id}@example.net>`,
    `References: <${marker}-first@example.net>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Hello <b>Alice</b>,</p><p>the plan for <i>Q3</i> is attached.</p><img src="https://remote.example/track.png"><script>alert(1)</script>',
    '--b1',
    'Content-Type: application/pdf; name="plan.pdf"',
    'Content-Disposition: attachment; filename="plan.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF.toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1--',
    '',
  ].join('\r\n');
}

async function open(subjectIs: string) {
  const row = page.locator('.thread', { hasText: subjectIs });
  await row.waitFor({ timeout: 120_000 });
  await row.locator('.thread-open').click();
  await page.locator('#conversation-subject', { hasText: subjectIs }).waitFor();
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const login = (u: { username: string; password: string }) =>
    connect({ url: backend.origin, auth: { kind: 'basic', username: u.username, password: u.password } });
  alice = await login(backend.users.alice);
  bob = await login(backend.users.bob);
  const inbox = (await roles(alice)).inbox!;
  originalId = (await importMessage(alice, inbox, original(subject, marker, backend))).id;
  forwardedId = (await importMessage(alice, inbox, original(forwarded, `${marker}-fwd`, backend))).id;
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await open(subject);
}, 240_000);

afterAll(async () => {
  await context?.close();
});

it('a reply goes to Reply-To, chains the thread, quotes the HTML made safe, and marks the original answered once sent', async () => {
  const { backend } = inject('app');
  const actions = page.getByRole('toolbar', { name: 'Conversation actions' });
  await actions.getByRole('button', { name: 'Reply', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Reply' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  expect(await recipientChips(dialog, 'To')).toEqual([
    { name: 'Bob', address: backend.users.bob.email, addressShown: false, invalid: false },
  ]);
  expect(await dialog.getByLabel('Subject').inputValue()).toBe(`Re: ${subject}`);
  const editor = dialog.getByRole('textbox', { name: 'Message' });
  await editor.locator('blockquote', { hasText: 'the plan for Q3' }).waitFor();
  expect(await editor.locator('blockquote b').textContent()).toBe('Alice');
  expect(await editor.locator('img, script').count()).toBe(0);
  await editor.locator('p').first().click();
  await page.keyboard.type('Sounds good.');
  await screenshot(page, 'reply-html-quote');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/sending in \d+ s/).waitFor();
  // Held for undo: not answered yet.
  expect((await keywords()).$answered).toBeUndefined();

  const reply = await received(`Re: ${subject}`);
  expect((reply.to as { email: string }[]).map((a) => a.email)).toEqual([backend.users.bob.email]);
  expect(reply['header:In-Reply-To:asMessageIds']).toEqual([`${marker}@example.net`]);
  expect(reply['header:References:asMessageIds']).toEqual([`${marker}-first@example.net`, `${marker}@example.net`]);
  const values = Object.values(reply.bodyValues as Record<string, { value: string }>).map((v) => v.value);
  const text = values.find((v) => !v.includes('<'))!;
  const html = values.find((v) => v.includes('<blockquote'))!;
  expect(text).toMatch(/^Sounds good\./);
  expect(text).toMatch(/wrote:\n\n?> Hello Alice,\n>\n> the plan for Q3 is attached\./);
  expect(html).toContain('<b>Alice</b>');
  expect(html).not.toMatch(/track\.png|<script/);
  await waitFor('the original to be marked answered', async () => ((await keywords()).$answered ? true : undefined), 30_000);
}, 180_000);

it('a forward carries the original’s attachment byte for byte and marks it forwarded', async () => {
  const { backend } = inject('app');
  await open(forwarded);
  await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Forward', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Forward' });
  await dialog.waitFor();
  await sendFrom(dialog, backend.users.alice.email);
  await dialog.getByRole('list', { name: 'Attachments' }).getByText('plan.pdf').waitFor();
  await dialog.getByLabel('To', { exact: true }).fill(backend.users.bob.email);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/sending in \d+ s/).waitFor();
  const forward = await received(`Fwd: ${forwarded}`);
  const attachments = forward.attachments as { name: string; blobId: string; type: string }[];
  expect(attachments.map((a) => a.name)).toEqual(['plan.pdf']);
  const bytes = Buffer.from(await (await bob.download(attachments[0]!.blobId, { type: 'application/octet-stream' })).arrayBuffer());
  expect(bytes.equals(PDF)).toBe(true);
  const text = Object.values(forward.bodyValues as Record<string, { value: string }>)
    .map((v) => v.value)
    .join('\n');
  expect(text).toContain('---------- Forwarded message ----------');
  expect(text).toContain(`Subject: ${forwarded}`);
  await waitFor('the original to be marked forwarded', async () => ((await keywords(forwardedId)).$forwarded ? true : undefined), 30_000);
}, 180_000);

it('the composer keeps Tab inside it, Escape keeps the draft, and focus goes back to Reply', async () => {
  await open(forwarded);
  const reply = page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Reply', exact: true });
  await reply.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reply' });
  await dialog.waitFor();
  const inDialog = () => dialog.evaluate((d) => d.contains(document.activeElement));
  await expect.poll(inDialog).toBe(true);
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press(i % 2 ? 'Tab' : 'Shift+Tab');
    expect(await inDialog()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await reply.evaluate((b) => b === document.activeElement)).toBe(true);
  await page
    .getByRole('region', { name: 'Drafts on this device' })
    .getByRole('button', { name: `Re: ${forwarded}` })
    .waitFor();
}, 60_000);
