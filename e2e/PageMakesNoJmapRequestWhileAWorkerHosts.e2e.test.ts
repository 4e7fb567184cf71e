/**
 * Issue 11: the host is the page's only way to the network. Once a service worker hosts
 * the account, reading what the mirror does not hold (a message outside the offline
 * window, its attachment, the server's search, identities, the vacation response) makes
 * no JMAP request from the page: every one comes from the worker. Requests are counted
 * by initiator (playwright's request.serviceWorker()).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { connect } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';
import { waitFor } from '../testing/wait.ts';

let context: BrowserContext;
let page: Page;
const m = randomUUID().slice(0, 8);
const word = `albatross${m}`;
const fromPage: string[] = [];
const fromWorker: string[] = [];

function isJmap(request: Request): boolean {
  const path = new URL(request.url()).pathname;
  return path.startsWith('/jmap') || path.startsWith('/.well-known/jmap');
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  // In Archive (outside the offline window's folders): only the server has its body.
  const alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  const archive = (await alice.call('Mailbox/get', { ids: null })).list.find((x) => x.role === 'archive')!.id;
  const notes = await alice.upload(`Notes about the ${word}.\n`, 'text/plain');
  await alice.call('Email/set', {
    create: {
      far: {
        mailboxIds: { [archive]: true },
        from: [{ name: 'Fay Far', email: 'fay@example.net' }],
        to: [{ name: null, email: a.email }],
        subject: `Field notes ${m}`,
        bodyValues: { b: { value: `The ${word} was seen on Sunday.` } },
        textBody: [{ partId: 'b', type: 'text/plain' }],
        attachments: [{ blobId: notes.blobId, type: 'text/plain', name: 'notes.txt', disposition: 'attachment' }],
      },
    },
  });
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await waitFor('the first sync', async () => /Up to date/.test((await page.getByRole('status').first().textContent()) ?? ''), 60_000);
  await waitFor('a worker controlling the page', () => page.evaluate(() => !!navigator.serviceWorker.controller), 30_000);
  // The first visit ran the engine in the page until the worker was active: open the app
  // again, as any later visit does, so the worker hosts from the start.
  await page.reload();
  await page.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  // Signing in is the page's own (it discovers and checks a new account): count after it.
  context.on('request', (request) => {
    if (!isJmap(request)) return;
    const calls = ((request.postDataJSON() as { methodCalls?: [string][] } | null)?.methodCalls ?? []).map((c) => c[0]);
    (request.serviceWorker() ? fromWorker : fromPage).push(
      `${request.method()} ${new URL(request.url()).pathname} ${calls.join(' ')}`.trim(),
    );
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('reads a message, its attachment, the server search, identities and vacation only through the worker', async () => {
  await page.keyboard.press('/');
  await page.keyboard.type(word);
  const hit = page.getByRole('region', { name: 'Search results' }).getByRole('button', { name: new RegExp(`Field notes ${m}`) });
  await hit.waitFor({ timeout: 30_000 });
  await hit.click();
  await page.getByRole('region', { name: 'Conversation' }).getByText(`The ${word} was seen on Sunday.`).waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('list', { name: 'Attachments' }).getByRole('button', { name: 'Download notes.txt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('notes.txt');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('heading', { name: 'Identities and signatures' }).waitFor({ timeout: 30_000 });
  await settings.getByText(/Not available on this server|Answer mail automatically/).waitFor({ timeout: 30_000 });

  expect(fromPage).toEqual([]);
  // The worker did ask: a search, a body, a download, identities (the worker's sync aside).
  expect(fromWorker.some((r) => r.includes('/download/'))).toBe(true);
  expect(fromWorker.filter((r) => r.startsWith('POST')).length).toBeGreaterThan(0);
}, 120_000);
