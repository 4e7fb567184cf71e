/**
 * Issue 13, browser half: a Web Push reaches the built app's worker with no app page open
 * and the worker stopped, and becomes a notification for the new Inbox mail. Headless
 * Chromium has no push service, so the push is delivered through DevTools
 * (`ServiceWorker.deliverPushMessage`) with the StateChange the demo server would send; the
 * notification is read back with `registration.getNotifications()`. Its actions cannot be
 * clicked from DevTools: src/sw/PushShowsNewInboxMailAndItsActionsWorkOffline.test.ts calls
 * the worker's handlers for them. One sign-in, every check in it (the e2e budget is short).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { connect } from '../src/jmap/index.ts';
import { startDemoServer, type DemoServer } from '../packages/demo-server/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { idbPut } from '../testing/browser/idb.ts';
import { waitFor } from '../testing/wait.ts';
import { signInThroughWorker, syncStatus, tellWorker } from '../testing/browser/worker.ts';

let server: DemoServer;
let dataDir: string;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let accountId: string;

interface Shown {
  title: string;
  body: string;
  tag: string;
  actions: string[];
}

/** JMAP calls as alice, straight to the server (what the server holds, not the mirror). */
async function api(methodCalls: [string, Record<string, unknown>, string][]): Promise<[string, Record<string, unknown>, string][]> {
  const res = await fetch(`${server.origin}/jmap/api/`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from('alice:alice-password').toString('base64'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'], methodCalls }),
  });
  return ((await res.json()) as { methodResponses: [string, Record<string, unknown>, string][] }).methodResponses;
}

const notifications = () =>
  page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      actions: ((n as unknown as { actions?: { action: string }[] }).actions ?? []).map((a) => a.action),
    })),
  ) as Promise<Shown[]>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-webpush-'));
  server = await startDemoServer({ port: 0, dataDir, control: true, seed: false, staticDir: process.env.E2E_DIST ?? 'dist' });
  accountId = (await connect({ url: server.origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } })).accountId;
  ({ context } = await launchPersistent());
  await context.grantPermissions(['notifications'], { origin: server.origin });
  page = await context.newPage();
  await signInThroughWorker(page, { origin: server.origin, accountId, username: 'alice', password: 'alice-password' });
  await tellWorker(page, { type: 'heartbeat', accountId, visible: true });
  await waitFor('the first sync', async () => (await syncStatus(page, accountId))?.kind === 'upToDate', 60_000);
  // The person turned notifications on (Settings writes this row, then subscribes).
  await idbPut(page, 'settings', { key: 'notifications', value: true });
  cdp = await context.newCDPSession(page);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('shows a notification for new Inbox mail from a push, with no app page open and the worker stopped, and sets the badge', async () => {
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) =>
    registrations.push(...e.registrations),
  );
  await cdp.send('ServiceWorker.enable');
  await waitFor('the worker registration', async () => registrations.length > 0);
  const registrationId = registrations.find((r) => r.scopeURL.startsWith(server.origin))!.registrationId;
  const badgeApi = await page.evaluate(() => typeof (navigator as Navigator & { setAppBadge?: unknown }).setAppBadge);

  // No app page: a static file of the origin (still under the worker, so getNotifications
  // can be asked), and the worker stopped, so only the push can start it and its engine.
  await page.goto(server.origin + '/icon.svg');
  await cdp.send('ServiceWorker.stopAllWorkers');

  const subject = `pushed ${randomUUID()}`;
  const raw = [
    'From: Carol Danvers <carol@example.net>',
    'To: alice@example.test',
    `Subject: ${subject}`,
    `Message-ID: <${randomUUID()}@example.net>`,
    `Date: ${new Date().toUTCString()}`,
    '',
    'The first words of the message.',
    '',
  ].join('\r\n');
  const delivered = Date.now();
  const res = await fetch(`${server.origin}/__control/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ to: 'alice@example.test', raw }),
  });
  expect(res.ok).toBe(true);
  const { threadId } = (await res.json()) as { threadId: string };
  const state = (await api([['Email/get', { accountId, ids: [] }, 'e']]))[0]![1].state as string;
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: server.origin,
    registrationId,
    data: JSON.stringify({ '@type': 'StateChange', changed: { [accountId]: { Email: state, Mailbox: state } } }),
  });
  let shown: Shown[] = [];
  await waitFor('the notification', async () => (shown = await notifications()).some((n) => n.tag === threadId), 30_000, 50);
  const ms = Date.now() - delivered;
  console.info(`web push: delivered -> notification shown, page closed, worker stopped: ${ms} ms; setAppBadge in the page: ${badgeApi}`);
  expect(shown).toEqual([
    { title: 'Carol Danvers', body: `${subject}\nThe first words of the message.`, tag: threadId, actions: ['archive', 'read'] },
  ]);

  // The badge: headless Chromium's worker has setAppBadge, but with no installed app it
  // shows nothing, so it is recorded (a stub in the running worker) and compared with the
  // server's Inbox unread emails after the next push.
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(server.origin))!;
  const workerHasBadge = await worker.evaluate(() => {
    const had = typeof (navigator as Navigator & { setAppBadge?: unknown }).setAppBadge;
    const badges: number[] = [];
    Object.assign(self, { badges });
    Object.assign(navigator, { setAppBadge: async (n: number) => void badges.push(n), clearAppBadge: async () => void badges.push(0) });
    return had;
  });
  await fetch(`${server.origin}/__control/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      to: 'alice@example.test',
      raw: raw.replace(subject, `${subject} again`).replace(/Message-ID: <[^>]+>/, `Message-ID: <${randomUUID()}@example.net>`),
    }),
  });
  const mailboxes = await api([['Mailbox/get', { accountId, ids: null }, 'm']]);
  const inboxUnread = (mailboxes[0]![1].list as { role: string; unreadEmails: number }[]).find((m) => m.role === 'inbox')!.unreadEmails;
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: server.origin,
    registrationId,
    data: JSON.stringify({ '@type': 'StateChange', changed: { [accountId]: { Email: 'next' } } }),
  });
  await waitFor(
    'the badge',
    async () => (await worker.evaluate(() => (self as unknown as { badges: number[] }).badges.at(-1))) === inboxUnread,
    15_000,
    50,
  );
  console.info(`badge: setAppBadge in the worker: ${workerHasBadge}; set to ${inboxUnread} (the Inbox's unread emails)`);
}, 90_000);
