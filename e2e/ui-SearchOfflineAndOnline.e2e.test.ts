/**
 * Issue 6 acceptance: search offline (the index on the device) and online (merged with the
 * server's Email/query + SearchSnippet), against Cyrus.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
const m = randomUUID().slice(0, 8);
const inboxWord = `pelican${m}`;
const deepWord = `zeppelin${m}`;
// Only in the body, past the preview: found on the device only if kept bodies are indexed.
const bodyWord = `cormorant${m}`;

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  await deliver(
    'alice',
    rawMessage({
      from: 'Carol Search <carol@example.net>',
      to: a.email,
      subject: `About the ${inboxWord}`,
      messageId: `s1-${m}@example.net`,
      body: `A note about the ${inboxWord}.`,
    }),
  );
  await deliver(
    'alice',
    rawMessage({
      from: 'Erin Digest <erin@example.net>',
      to: a.email,
      subject: `Weekly digest ${m}`,
      messageId: `s2-${m}@example.net`,
      body: `${'Nothing new in this part of the digest. '.repeat(12)}\nThe ${bodyWord} nests by the pier.`,
    }),
  );
  // Filed in Archive (outside the offline window's folders), the word far past the preview:
  // only the server can find it.
  const alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  const archive = (await alice.call('Mailbox/get', { ids: null })).list.find((x) => x.role === 'archive')!.id;
  const filler = 'Nothing to see in this line of the report. '.repeat(40);
  await alice.call('Email/set', {
    create: {
      deep: {
        mailboxIds: { [archive]: true },
        from: [{ name: 'Dan Deep', email: 'dan@example.net' }],
        to: [{ name: null, email: a.email }],
        subject: `Quarterly report ${m}`,
        bodyValues: { b: { value: `${filler}\nThe ${deepWord} lands on Tuesday.` } },
        textBody: [{ partId: 'b', type: 'text/plain' }],
      },
    },
  });
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await waitFor('the first sync', async () => /Up to date/.test((await page.getByRole('status').first().textContent()) ?? ''), 60_000);
}, 120_000);

afterAll(async () => {
  await context?.close();
});

const results = () => page.getByRole('region', { name: 'Search results' });

it('finds mail on the device while offline', async () => {
  await waitFor(
    'the mail in the mirror',
    async () => (await page.getByRole('listitem').filter({ hasText: inboxWord }).count()) > 0,
    60_000,
  );
  await context.setOffline(true);
  try {
    await page.keyboard.press('/');
    await page.keyboard.type(inboxWord);
    await results()
      .getByRole('button', { name: new RegExp(`About the ${inboxWord}`) })
      .waitFor({ timeout: 30_000 });
    expect(await results().getByRole('status').textContent()).toMatch(/Offline: results from this device\./);
    // The words that matched, from the message's own text on the device (its body here).
    const hitLine = results().getByRole('button', { name: new RegExp(`About the ${inboxWord}`) });
    expect(await hitLine.locator('.preview').textContent()).toBe(`A note about the ${inboxWord}.`);
    expect(await hitLine.locator('mark').allTextContents()).toEqual([inboxWord]);
    await screenshot(page, 'search-offline');
    // Filters work on the device too.
    await page.getByLabel('Search mail').fill(`${inboxWord} from:carol is:unread`);
    await results()
      .getByRole('button', { name: new RegExp(inboxWord) })
      .waitFor();
    // A sender alone: the index finds the person's words, the filter keeps only From.
    await page.getByLabel('Search mail').fill('from:"Carol Search"');
    await results()
      .getByRole('button', { name: new RegExp(`About the ${inboxWord}`) })
      .waitFor({ timeout: 30_000 });
    // A word of a kept body beyond its preview, found by the index in the search worker.
    await page.getByLabel('Search mail').fill(bodyWord);
    const digest = results().getByRole('button', { name: new RegExp(`Weekly digest ${m}`) });
    await digest.waitFor({ timeout: 30_000 });
    expect(await digest.locator('mark').allTextContents()).toEqual([bodyWord]);
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(expect.stringMatching(/^\/assets\/searchWorker-/));
    await page.getByLabel('Search mail').fill(`${inboxWord} from:nobody`);
    await waitFor(
      'no result for another sender',
      async () => /^0 conversations/.test((await results().getByRole('status').textContent()) ?? ''),
      60_000,
    );
  } finally {
    await context.setOffline(false);
  }
}, 90_000);

it('adds what only the server can find when online, with highlighted snippets', async () => {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByLabel('Search mail').fill(deepWord);
  const hit = results().getByRole('button', { name: new RegExp(`Quarterly report ${m}`) });
  await hit.waitFor({ timeout: 30_000 });
  expect(await hit.textContent()).toMatch(/found on the server|lands on Tuesday/);
  await screenshot(page, 'search-online');
  await hit.click();
  await page.getByRole('region', { name: 'Conversation' }).getByText(`The ${deepWord} lands on Tuesday.`).waitFor({ timeout: 30_000 });
}, 90_000);
