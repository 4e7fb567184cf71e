/**
 * mailto: opens a new message in the app, prefilled (RFC 6068): a link in an HTML mail
 * (clicked inside its sandboxed frame), a link in a plain-text mail, and the app opened
 * as the system's mail handler (the manifest's protocol handler: /?mailto=<url>). What
 * the link holds beyond recipients, subject and body is not taken.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { deliver } from '../testing/mail/deliver.ts';
import { mimeMessage } from '../testing/mail/mime.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { recipientChips, signInThroughUi } from '../testing/browser/ui.ts';

const marker = `mailto-${randomUUID().slice(0, 6)}`;
const LINK =
  'mailto:ann@example.org,Bob%20%3Cbob@example.net%3E?cc=carl@example.com&subject=Caf%C3%A9%20plans&body=Line%201%0D%0ALine%202&attach=/etc/passwd';

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  await deliver(
    'alice',
    mimeMessage({ key: `${marker}-html`, subject: `${marker} html`, html: `<p>Write to <a href="${LINK}">the team</a>.</p>` }, new Date()),
  );
  await deliver(
    'alice',
    rawMessage({
      from: 'Dora <dora@example.net>',
      to: a.email,
      subject: `${marker} text`,
      messageId: `${marker}-t@example.net`,
      body: `Write to ${LINK} today.`,
    }),
  );
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} text` })
    .waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

async function expectPrefilled(dialog: Locator): Promise<void> {
  await expect.poll(async () => (await recipientChips(dialog, 'To')).map((c) => c.address)).toEqual(['ann@example.org', 'bob@example.net']);
  expect((await recipientChips(dialog, 'Cc')).map((c) => c.address)).toEqual(['carl@example.com']);
  expect(await dialog.getByLabel('Subject').inputValue()).toBe('Café plans');
  expect(await dialog.getByRole('textbox', { name: 'Message' }).inputValue()).toMatch(/^Line 1\nLine 2/);
  await expect.poll(() => dialog.getByRole('list', { name: 'Attachments' }).count()).toBe(0);
}

/**
 * Opens the mail whose subject is `subject`, clicks its mailto: link, and checks that a
 * prefilled new message opened here and nothing else (no tab, no system mail handler).
 */
async function linkOpensPrefilledCompose(subject: string, clickLink: () => Promise<void>): Promise<void> {
  await page.getByRole('listitem').filter({ hasText: subject }).click();
  const tabs = context.pages().length;
  await clickLink();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor({ timeout: 5_000 });
  await expectPrefilled(dialog);
  expect(context.pages()).toHaveLength(tabs);
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 5_000 });
}

it('a mailto: link in an HTML mail opens a new message here, prefilled', async () => {
  await linkOpensPrefilledCompose(`${marker} html`, () =>
    page.frameLocator('article.conversation iframe').getByRole('link', { name: 'the team' }).click(),
  );
});

it('a mailto: link in a plain-text mail does the same', async () => {
  await linkOpensPrefilledCompose(`${marker} text`, () => page.locator('article.conversation .msg-text a[href^="mailto:"]').click());
});

it('opened as the mail handler (/?mailto=…), the app starts a prefilled message and drops the parameter', async () => {
  const { origin } = inject('app');
  await page.goto(`${origin}/?mailto=${encodeURIComponent(LINK)}`);
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.waitFor({ timeout: 15_000 });
  await expectPrefilled(dialog);
  expect(new URL(page.url()).search).toBe('');
  const cdp = await context.newCDPSession(page);
  const { data } = (await cdp.send('Page.getAppManifest')) as { data: string };
  expect(JSON.parse(data).protocol_handlers).toEqual([{ protocol: 'mailto', url: '/?mailto=%s' }]);
});
