/**
 * Issue 11: the host is the page's only way to the network. Once a service worker hosts
 * the account, reading what the mirror does not hold (a message outside the offline
 * window, its attachment, the server's search, identities, the vacation response) makes
 * no JMAP request from the page: every one comes from the worker. Requests are counted
 * by initiator (playwright's request.serviceWorker()).
 *
 * The first visit proves the handover too: signed in while no worker is active yet, the
 * page runs the first sync itself, and the worker takes it over before it ends. The worker's
 * script is held back until the page's first sync has begun, and the page's own requests
 * are slowed, so the worker becomes active in the middle of that sync on any machine.
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
/** The first visit's JMAP API calls, in order, by who made them, until the first "Up to date". */
const firstSync: { who: 'page' | 'worker'; calls: string[] }[] = [];

function apiCalls(request: Request): string[] {
  return ((request.postDataJSON() as { methodCalls?: [string][] } | null)?.methodCalls ?? []).map((c) => c[0]);
}

function isJmap(request: Request): boolean {
  const path = new URL(request.url()).pathname;
  return path.startsWith('/jmap') || path.startsWith('/.well-known/jmap');
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  // Received 60 days ago: outside the attachments the engine keeps offline by itself (the
  // last 30 days), so only the server has its attachment and a click asks the worker.
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
        receivedAt: new Date(Date.now() - 60 * 24 * 60 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
        bodyValues: { b: { value: `The ${word} was seen on Sunday.` } },
        textBody: [{ partId: 'b', type: 'text/plain' }],
        attachments: [{ blobId: notes.blobId, type: 'text/plain', name: 'notes.txt', disposition: 'attachment' }],
      },
    },
  });
  ({ context } = await launchPersistent());
  let firstSyncDone = false;
  let pageBegan: () => void = () => {};
  const begun = new Promise<void>((resolve) => (pageBegan = resolve));
  context.on('request', (request) => {
    if (firstSyncDone || request.method() !== 'POST' || !isJmap(request)) return;
    const calls = apiCalls(request);
    if (calls.length === 0) return;
    const who = request.serviceWorker() ? 'worker' : 'page';
    firstSync.push({ who, calls });
    if (who === 'page' && calls.includes('Email/get')) pageBegan();
  });
  // The worker's script waits for the page's first Email/get (at most 20 s): without it, a
  // fast install would be active before the sign-in and the page would run no sync at all.
  await context.route('**/sw.js', async (route) => {
    await Promise.race([begun, new Promise((r) => setTimeout(r, 20_000))]);
    await route.continue();
  });
  page = await context.newPage();
  // The page's own API requests take 300 ms longer, so its first sync outlasts the install.
  await page.route('**/jmap/**', async (route) => {
    if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 300));
    await route.continue();
  });
  await signInThroughUi(page, origin, a.username, a.password);
  await waitFor('the first sync', async () => /Up to date/.test((await page.getByRole('status').first().textContent()) ?? ''), 90_000);
  firstSyncDone = true;
  await page.unrouteAll({ behavior: 'wait' });
  await context.unrouteAll({ behavior: 'wait' });
  await waitFor('a worker controlling the page', () => page.evaluate(() => !!navigator.serviceWorker.controller), 30_000);
  // The first visit ran the engine in the page until the worker was active: open the app
  // again, as any later visit does, so the worker hosts from the start.
  await page.reload();
  await page.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  // Signing in is the page's own (it discovers and checks a new account): count after it.
  context.on('request', (request) => {
    if (!isJmap(request)) return;
    const calls = apiCalls(request);
    (request.serviceWorker() ? fromWorker : fromPage).push(
      `${request.method()} ${new URL(request.url()).pathname} ${calls.join(' ')}`.trim(),
    );
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('hands a first sync begun in the page over to the worker before it ends', () => {
  const page = firstSync.filter((r) => r.who === 'page');
  const handover = firstSync.findIndex((r) => r.who === 'worker');
  // The page began the first sync itself (a sign-in alone asks no Email/get)...
  expect(
    page.some((r) => r.calls.includes('Email/get')),
    JSON.stringify(firstSync),
  ).toBe(true);
  // ...the worker fetched mail before the first "Up to date"...
  expect(handover, JSON.stringify(firstSync)).toBeGreaterThan(0);
  expect(firstSync.slice(handover).some((r) => r.calls.includes('Email/get'))).toBe(true);
  // ...and once the worker asked, the page asked nothing more: one engine, handed over.
  expect(firstSync.slice(handover).filter((r) => r.who === 'page')).toEqual([]);
});

it('reloads with one small JMAP request when nothing changed: what changed, not the objects', async () => {
  const seen: Promise<{ what: string; up: number; down: number }>[] = [];
  const onRequest = (request: Request) => {
    if (!isJmap(request)) return;
    const what = `${request.method()} ${new URL(request.url()).pathname} ${apiCalls(request).join(' ')}`.trim();
    seen.push(
      request.response().then(async (response) => {
        await response?.finished();
        const sizes = await request.sizes();
        return { what, up: sizes.requestBodySize, down: sizes.responseBodySize };
      }),
    );
  };
  context.on('request', onRequest);
  await page.reload();
  await page.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(3_000);
  context.off('request', onRequest);
  const requests = await Promise.all(seen);
  // The reload's sync (a poll may add one more like it): only /changes and /queryChanges,
  // no session discovery, no Identity/get (kept on the device for a day), no /get.
  expect(requests.length, JSON.stringify(requests)).toBeGreaterThan(0);
  for (const r of requests) {
    expect(r.what).toMatch(/^POST \S+( \w+\/(changes|queryChanges))+$/);
    expect(r.up, r.what).toBeLessThanOrEqual(1024);
    expect(r.down, r.what).toBeLessThanOrEqual(1024);
  }
}, 60_000);

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
