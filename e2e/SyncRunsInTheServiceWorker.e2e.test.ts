/**
 * The sync engine lives in the service worker (issue 3, browser acceptance), against the
 * built app and a real Cyrus (no push: the worker polls). The page here speaks the
 * worker's message protocol itself (src/host/messages.ts) and reads IndexedDB raw, so
 * what is proven is the worker's behaviour, not a page's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { connect } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { idbAll } from '../testing/browser/idb.ts';
import { waitFor } from '../testing/wait.ts';
import { mirroredSubjects, signInThroughWorker, syncStatus, tellWorker } from '../testing/browser/worker.ts';

const POLL_MS = 3000;

let context: BrowserContext;
let page: Page;
let accountId: string;

const tell = (message: Record<string, unknown>) => tellWorker(page, message);
const heartbeat = () => tell({ type: 'heartbeat', accountId, visible: true });
const subjects = () => mirroredSubjects(page);
const status = () => syncStatus(page, accountId);

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const alice = backend.users.alice;
  accountId = (await connect({ url: backend.origin, auth: { kind: 'basic', username: alice.username, password: alice.password } }))
    .accountId;
  ({ context } = await launchPersistent());
  page = await context.newPage();
  // The first heartbeat (inside) finds no sign-in and the worker says so in words.
  await signInThroughWorker(page, { origin, accountId, username: alice.username, password: alice.password, pollIntervalMs: POLL_MS });
  expect((await status())?.reason).toMatch(/sign in/i);
  // Off the app (a static file of the same origin, still under the worker): the app's own
  // heartbeats would restart a stopped worker at moments this test does not choose.
  await page.goto(origin + '/icon.svg');
}, 120_000);

afterAll(async () => {
  await context?.close();
});

describe('sync in the service worker', () => {
  it('mirrors the account after a heartbeat, and a change by another client arrives within one poll interval', async () => {
    const reply = await heartbeat();
    expect(reply.starts).toBeGreaterThanOrEqual(0);
    await waitFor('the first sync', async () => (await status())?.kind === 'upToDate', 60_000);
    expect((await idbAll(page, 'mailboxes')).length).toBeGreaterThan(0);

    const subject = `sw-poll ${randomUUID()}`;
    await deliver(
      'alice',
      rawMessage({
        from: 'carol@example.net',
        to: inject('app').backend.users.alice.email,
        subject,
        messageId: `${randomUUID()}@example.net`,
      }),
    );
    const sent = Date.now();
    // Keep the worker alive the way an open page does, and never ask for a sync.
    const beating = setInterval(() => void heartbeat().catch(() => {}), 1000);
    try {
      await waitFor('the delivered mail in the mirror', async () => (await subjects()).includes(subject), POLL_MS + 10_000);
    } finally {
      clearInterval(beating);
    }
    expect(Date.now() - sent).toBeLessThan(POLL_MS + 10_000);
  }, 120_000);

  it('restarts sync from the stored states with the next heartbeat after the worker was stopped', async () => {
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const subject = `sw-restart ${randomUUID()}`;
    await deliver(
      'alice',
      rawMessage({
        from: 'carol@example.net',
        to: inject('app').backend.users.alice.email,
        subject,
        messageId: `${randomUUID()}@example.net`,
      }),
    );
    // Nobody syncs while the worker is stopped: two poll intervals pass without the mail.
    await new Promise((r) => setTimeout(r, 2 * POLL_MS));
    expect(await subjects()).not.toContain(subject);

    const reply = await heartbeat();
    // A fresh worker: its host has started at most this one engine.
    expect(reply.starts).toBeLessThanOrEqual(1);
    await waitFor('the mail after the restart', async () => (await subjects()).includes(subject), 30_000);
    expect((await heartbeat()).starts).toBe(1);
    await cdp.detach();
  }, 120_000);

  it('shows the mirrored Inbox and says "offline" in words when the network is gone, across a reload', async () => {
    const before = (await subjects()).length;
    await context.setOffline(true);
    try {
      await page.goto(inject('app').origin + '/');
      // The app shell from the precache, the Inbox from the mirror: no network involved.
      await page.getByRole('listitem').first().waitFor({ timeout: 15_000 });
      expect(await page.getByRole('listitem').count()).toBeGreaterThan(0);
      expect((await subjects()).length).toBe(before);
      await tell({ type: 'syncNow', accountId, reason: 'person' });
      await waitFor('an offline status', async () => (await status())?.kind === 'offline', 30_000);
      expect((await status())?.reason).toMatch(/reach|network|offline|connection/i);
    } finally {
      await context.setOffline(false);
    }
  }, 120_000);
});
