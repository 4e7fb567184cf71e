/**
 * A new version of the app waits until the person chooses it: the running page says
 * "Update ready: reload", and choosing it reloads into the new worker with every change
 * still queued (the outbox) and every draft kept; the queued change then reaches the
 * server once. The app is served from a copy of the build, so the test can publish a
 * "new build" (a changed sw.js) while the page runs; the mail server is made unreachable
 * meanwhile (the app server is restarted on the same port with a dead upstream), so the
 * change has to wait across the update.
 */
import { cpSync, appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { startAppServer, type AppServer } from '../src/server/app/server.ts';
import { E2E_DIST } from '../testing/browser/global-setup.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { idbAll } from '../testing/browser/idb.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { waitFor } from '../testing/wait.ts';

const marker = `update-${randomUUID().slice(0, 6)}`;
const dir = mkdtempSync(join(tmpdir(), 'mail-build-'));
let app: AppServer;
let port: number;
let context: BrowserContext;
let page: Page;
let alice: JmapClient;

async function serve(upstream: string): Promise<void> {
  app = await startAppServer({ staticDir: dir, upstream, port });
}

beforeAll(async () => {
  const { backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  await deliver(
    'alice',
    rawMessage({ from: 'Dora <dora@example.net>', to: a.email, subject: `${marker} star me`, messageId: `${marker}@example.net` }),
  );
  cpSync(E2E_DIST, dir, { recursive: true });
  app = await startAppServer({ staticDir: dir, upstream: backend.origin });
  port = Number(new URL(app.origin).port);
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, app.origin, a.username, a.password);
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} star me` })
    .waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await app?.stop();
});

it('waits for the person, and reloads into the new version with the outbox and drafts intact', async () => {
  const { backend } = inject('app');
  // The mail server goes away; the app's own files stay.
  await app.stop();
  await serve('http://127.0.0.1:9');

  // A change that must wait, and a draft.
  const row = page.getByRole('listitem').filter({ hasText: `${marker} star me` });
  await row.click();
  await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Star' }).click();
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const compose = page.getByRole('dialog', { name: 'New message' });
  await compose.getByLabel('Subject').fill(`${marker} draft`);
  await compose.getByRole('button', { name: /^Close/ }).click();
  await waitFor('the star and the draft queued', async () => (await idbAll(page, 'outbox')).length >= 2, 10_000);
  const queued = (await idbAll<{ id: string }>(page, 'outbox')).map((i) => i.id).sort();

  // A new build is published; the browser finds it.
  appendFileSync(join(dir, 'sw.js'), `\n// ${marker}: the next build\n`);
  await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
  const button = page.getByRole('button', { name: 'Update ready: reload' });
  await button.waitFor({ timeout: 30_000 });
  // Nothing changes by itself: the old version keeps running until the person chooses.
  await page.evaluate(() => ((window as unknown as { __beforeUpdate: boolean }).__beforeUpdate = true));
  await new Promise((r) => setTimeout(r, 1_000));
  expect(await page.evaluate(() => (window as unknown as { __beforeUpdate?: boolean }).__beforeUpdate)).toBe(true);

  await button.click();
  // At once, not after the old worker's keep-alive waits (it took 56 s while they held it).
  await page.waitForFunction(() => !(window as unknown as { __beforeUpdate?: boolean }).__beforeUpdate, null, { timeout: 10_000 });
  await page
    .getByRole('listitem')
    .filter({ hasText: `${marker} star me` })
    .waitFor({ timeout: 15_000 });
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  expect((await idbAll<{ id: string }>(page, 'outbox')).map((i) => i.id).sort()).toEqual(queued);
  await page
    .getByRole('region', { name: 'Drafts on this device' })
    .getByRole('button', { name: `${marker} draft` })
    .waitFor({ timeout: 10_000 });

  // The mail server is back: the star reaches it, once.
  await app.stop();
  await serve(backend.origin);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitFor(
    'the star on the server',
    async () => {
      const q = await alice.call('Email/query', { filter: { subject: `${marker} star me` } });
      const got = await alice.call('Email/get', { ids: q.ids, properties: ['keywords'] });
      return got.list[0]?.keywords?.$flagged === true;
    },
    60_000,
    500,
  );
});
