/**
 * Issue 15 (the reader's part) against a real Cyrus, in one sign-in: a conversation
 * prints whole (every message open with its headers, the frames as tall as their
 * content, no chrome); an attached .eml opens as a message with its own attachment,
 * online and offline (one never opened online is kept by the engine's attachment pass and read offline too); a list's
 * one-click unsubscribe clicked offline POSTs once to an endpoint on loopback when back
 * online, the list's mail then archives; a mailto: one reaches its mailbox once.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { waitFor } from '../testing/wait.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { messageWithAttachedMessage } from '../testing/mail/attachedMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let bob: JmapClient;
let endpoint: Server;
const posted: { url: string; type: string; body: string; cookie?: string | undefined }[] = [];
const dialogs: string[] = [];
const marker = `reader-${randomUUID().slice(0, 6)}`;
const subject = (name: string) => `${marker} ${name}`;
const row = (name: string) => page.getByRole('listitem').filter({ hasText: subject(name) });
const toolbar = () => page.getByRole('toolbar', { name: 'Conversation actions' });
const INNER_FILE = 'The notes inside the attached message.';
const date = (i: number) => new Date(Date.now() - 3600_000 + i * 1000).toUTCString().replace('GMT', '+0000');

/** A list's message with List-Unsubscribe (and, for one-click, List-Unsubscribe-Post). */
function listMessage(name: string, i: number, fields: string[]): string {
  return [
    'From: The List <news@lists.example.net>',
    `To: ${inject('app').backend.users.alice.email}`,
    `Subject: ${subject(name)}`,
    `Message-ID: <${marker}-${name}@example.net>`,
    `Date: ${date(i)}`,
    ...fields,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This week's news (${name}).`,
    '',
  ].join('\r\n');
}

/** An HTML message long enough to need several printed pages. */
function longHtml(name: string, messageId: string, i: number): string {
  const paragraphs = Array.from({ length: 120 }, (_, n) => `<p>Paragraph ${n} of the long message.</p>`).join('');
  return [
    'From: Carol <carol@example.net>',
    `To: ${inject('app').backend.users.alice.email}`,
    `Subject: ${subject(name)}`,
    `Message-ID: <${messageId}>`,
    `Date: ${date(i)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><body>${paragraphs}<p>The last line of the long message.</p></body></html>`,
    '',
  ].join('\r\n');
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  await deliver('alice', longHtml('print', `${marker}-print@example.net`, 0));
  await deliver(
    'alice',
    rawMessage({
      from: `Dave <dave@example.net>`,
      to: a.email,
      subject: `Re: ${subject('print')}`,
      messageId: `${marker}-print-re@example.net`,
      inReplyTo: `${marker}-print@example.net`,
      body: 'The short reply, printed too.',
      date: new Date(Date.now() - 3600_000 + 2000),
    }),
  );
  await deliver(
    'alice',
    messageWithAttachedMessage({
      from: 'Eve <eve@example.net>',
      to: a.email,
      subject: subject('attached'),
      messageId: `${marker}-attached@example.net`,
      date: new Date(Date.now() - 3600_000 + 3000),
      inner: {
        from: 'Frank <frank@example.net>',
        to: 'Grace <grace@example.net>',
        subject: `Inner ${marker}`,
        html: '<p>The body of the attached message.</p>',
        fileName: 'inner-notes.txt',
        fileText: INNER_FILE,
      },
    }),
  );
  await deliver(
    'alice',
    messageWithAttachedMessage({
      from: 'Eve <eve@example.net>',
      to: a.email,
      subject: subject('never opened'),
      messageId: `${marker}-never@example.net`,
      date: new Date(Date.now() - 3600_000 + 3500),
      inner: {
        from: 'Frank <frank@example.net>',
        to: a.email,
        subject: 'Never opened',
        html: '<p>Never opened.</p>',
        fileName: 'x.txt',
        fileText: 'x',
      },
    }),
  );
  endpoint = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST') posted.push({ url: req.url!, type: req.headers['content-type'] ?? '', body, cookie: req.headers.cookie });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
  const unsubscribeUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/unsubscribe?list=${marker}`;
  const b = backend.users.bob;
  bob = await connect({ url: backend.origin, auth: { kind: 'basic', username: b.username, password: b.password } });
  const oneClick = [
    `List-Unsubscribe: <${unsubscribeUrl}>,\r\n <mailto:${b.email}?subject=wrong-${marker}>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    `List-Id: "Weekly news" <news.${marker}.example.net>`,
  ];
  await deliver('alice', listMessage('news-1', 4, oneClick));
  await deliver('alice', listMessage('news-2', 5, oneClick));
  await deliver(
    'alice',
    listMessage('letters', 6, [
      `List-Unsubscribe: <mailto:${b.email}?subject=unsubscribe-${marker}>`,
      `List-Id: <letters.${marker}.example.net>`,
    ]),
  );
  ({ context } = await launchPersistent());
  page = await context.newPage();
  page.on('dialog', (d: Dialog) => {
    dialogs.push(d.message());
    void d.accept();
  });
  await signInThroughUi(page, origin, a.username, a.password);
  await row('print').waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await new Promise((r) => endpoint?.close(r));
});

it('prints the whole conversation: every message with its headers, frames whole, no chrome', async () => {
  await row('print').first().getByRole('button').click();
  await toolbar().getByRole('button', { name: 'Print' }).waitFor();
  // The older message folded, as read mail is: printing opens it.
  const carolHead = page.locator('.conversation .message-head').first();
  await page.locator('iframe.msg-frame').waitFor();
  await expect
    .poll(async () => {
      if ((await carolHead.getAttribute('aria-expanded')) === 'true') await carolHead.click();
      return carolHead.getAttribute('aria-expanded');
    })
    .toBe('false');
  // What is on the page at the moment the browser is asked to print is what prints.
  await page.evaluate(() => {
    const w = window as unknown as { print: () => void; printed?: unknown };
    w.print = () => {
      const shown = (selector: string) =>
        [...document.querySelectorAll<HTMLElement>(selector)].filter(
          (e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0,
        ).length;
      w.printed = {
        messages: shown('.conversation .message'),
        heads: [...document.querySelectorAll('.message-print-head')]
          .filter((e) => getComputedStyle(e).display !== 'none')
          .map((e) => e.textContent),
        frames: [...document.querySelectorAll<HTMLIFrameElement>('iframe.msg-frame')].map((f) => ({
          frame: f.getBoundingClientRect().height,
          content: f.contentDocument!.documentElement.scrollHeight,
          text: f.contentDocument!.body.textContent,
          background: getComputedStyle(f.contentDocument!.documentElement).backgroundColor,
        })),
        chrome: shown('.topbar, .nav-pane, .list-pane, .statusbar, .reading-pane button'),
        background: getComputedStyle(document.documentElement).backgroundColor,
      };
    };
  });
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  try {
    // The button is hidden on paper: the key prints the same way.
    await page.keyboard.press('Control+P');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: unknown }).printed), { timeout: 20_000 }).toBeTruthy();
    const printed = (await page.evaluate(() => (window as unknown as { printed?: unknown }).printed)) as {
      messages: number;
      heads: string[];
      frames: { frame: number; content: number; text: string; background: string }[];
      chrome: number;
      background: string;
    };
    expect(printed.messages).toBe(2);
    expect(printed.heads).toHaveLength(2);
    const carol = printed.heads.find((h) => h.includes('From: Carol <carol@example.net>'));
    expect(carol).toContain(`To: ${inject('app').backend.users.alice.email}`);
    expect(carol).toContain('Date:');
    expect(carol).toContain(`Subject: ${subject('print')}`);
    expect(printed.heads.find((h) => h.includes('From: Dave <dave@example.net>'))).toContain(`Subject: Re: ${subject('print')}`);
    expect(printed.frames).toHaveLength(1);
    expect(printed.frames[0]!.text).toContain('The last line of the long message.');
    expect(printed.frames[0]!.frame).toBeGreaterThanOrEqual(printed.frames[0]!.content);
    expect(printed.frames[0]!.background).toBe('rgb(255, 255, 255)');
    expect(printed.chrome).toBe(0);
    expect(printed.background).toBe('rgb(255, 255, 255)');
    expect(await page.getByText('The short reply, printed too.').isVisible()).toBe(true);
    await screenshot(page, 'print-conversation');
  } finally {
    await page.emulateMedia({ media: 'screen', colorScheme: null });
  }
}, 90_000);

/** The attached message shows with its headers, its body in a frame, and its own attachment downloads. */
async function attachedMessageShows(): Promise<void> {
  await row('attached').getByRole('button').click();
  const nested = page.getByRole('region', { name: 'Attached message forwarded.eml' });
  await nested.locator('.attached-message-head').waitFor({ timeout: 20_000 });
  const head = await nested.locator('.attached-message-head').textContent();
  expect(head).toContain('From: Frank <frank@example.net>');
  expect(head).toContain('To: Grace <grace@example.net>');
  expect(head).toContain(`Subject: Inner ${marker}`);
  expect(head).toContain('Date:');
  const frame = nested.frameLocator('iframe.msg-frame');
  await expect.poll(() => frame.locator('body').textContent(), { timeout: 10_000 }).toContain('The body of the attached message.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    nested.getByRole('button', { name: 'Download inner-notes.txt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('inner-notes.txt');
  expect(readFileSync((await download.path())!, 'utf8')).toBe(INNER_FILE);
}

it('shows an attached message with its own attachment, online and offline', async () => {
  await attachedMessageShows();
  await screenshot(page, 'attached-message');
  // Kept on the device while it was shown online; offline it is read here.
  await page.waitForTimeout(500);
  // The engine keeps the offline choice's attachments by itself (an attached message is
  // one): once its pass is done, one never opened is on the device too.
  await waitFor(
    'the attachment pass to be done',
    () =>
      page.evaluate(
        () =>
          new Promise<boolean>((res) => {
            const r = indexedDB.open('mail');
            r.onsuccess = () => {
              const all = r.result.transaction('progress').objectStore('progress').getAll();
              all.onsuccess = () => {
                r.result.close();
                const rows = all.result as { attachments?: { state: string; done: number; total: number } }[];
                res(rows.length > 0 && rows.every((p) => p.attachments?.state === 'done' && p.attachments.done === p.attachments.total));
              };
            };
          }),
      ),
    60_000,
  );
  await context.setOffline(true);
  try {
    await page.reload();
    await row('attached').waitFor({ timeout: 30_000 });
    await attachedMessageShows();
    // One never opened online: kept by the engine, read here too.
    await row('never opened').getByRole('button').click();
    await page
      .getByRole('region', { name: /^Attached message/ })
      .locator('.attached-message-head')
      .filter({ hasText: 'Subject: Never opened' })
      .waitFor({ timeout: 20_000 });
  } finally {
    await context.setOffline(false);
  }
  await page.reload();
  await row('attached').waitFor({ timeout: 30_000 });
}, 120_000);

it('unsubscribes with one click, queued offline, posted once when back online; then archives the list', async () => {
  await row('news-1').getByRole('button').click();
  const unsubscribe = page.getByRole('button', { name: 'Unsubscribe', exact: true });
  await unsubscribe.waitFor({ timeout: 20_000 });
  await context.setOffline(true);
  try {
    await unsubscribe.click();
    await page.getByText('You will be unsubscribed from Weekly news once you are back online.').waitFor({ timeout: 5000 });
    expect(dialogs.at(-1)).toBe(
      'Unsubscribe from “Weekly news”? A one-click unsubscribe request goes to ' +
        new URL(`http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`).host +
        '.',
    );
    await page.waitForTimeout(1000);
    expect(posted).toEqual([]);
  } finally {
    await context.setOffline(false);
  }
  await waitFor('the one-click POST', async () => posted.length > 0, 30_000);
  await page.waitForTimeout(2000);
  expect(posted).toEqual([
    {
      url: `/unsubscribe?list=${marker}`,
      type: 'application/x-www-form-urlencoded',
      body: 'List-Unsubscribe=One-Click',
      cookie: undefined,
    },
  ]);
  // The list's mail (the same List-Id) in the Inbox can go to the Archive.
  await page.getByRole('button', { name: 'Archive 2 messages from this list' }).click({ timeout: 20_000 });
  await expect.poll(() => row('news-2').count(), { timeout: 10_000 }).toBe(0);
  await screenshot(page, 'unsubscribed');
}, 120_000);

it('unsubscribes by mail: the mailto: message reaches its mailbox once', async () => {
  await row('letters').getByRole('button').click();
  await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click({ timeout: 20_000 });
  await page.getByText(/^Unsubscribed from letters\./).waitFor({ timeout: 10_000 });
  const inBob = async () => (await bob.call('Email/query', { filter: { subject: `unsubscribe-${marker}` } })).ids.length;
  await waitFor('the unsubscribe mail in bob’s mailbox', async () => (await inBob()) > 0, 60_000);
  await page.waitForTimeout(3000);
  expect(await inBob()).toBe(1);
  expect((await bob.call('Email/query', { filter: { subject: `wrong-${marker}` } })).ids).toEqual([]);
}, 120_000);
