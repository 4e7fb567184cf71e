/**
 * Signing out against Cyrus: with a change still waiting in the outbox (made offline), the
 * app warns in words and stays signed in when the person says no; once everything has
 * reached the server, signing out leaves nothing of the account on the device.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { connect, type JmapClient } from '../src/jmap/index.ts';
import { deliver } from '../testing/mail/deliver.ts';
import { rawMessage } from '../testing/mail/rawMessage.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let alice: JmapClient;
const subject = `signout-${randomUUID().slice(0, 6)} keep me starred`;
let answer = false;
const dialogs: string[] = [];

/** Rows per IndexedDB store of the app's database. */
function storeCounts(): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('mail');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const counts = await Promise.all(
      names.map(
        (n) =>
          new Promise<[string, number]>((resolve) => {
            const c = tx.objectStore(n).count();
            c.onsuccess = () => resolve([n, c.result]);
          }),
      ),
    );
    db.close();
    return Object.fromEntries(counts);
  });
}

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  await deliver(
    'alice',
    rawMessage({ from: 'Eve <eve@example.net>', to: a.email, subject, messageId: `${subject.split(' ')[0]}@example.net` }),
  );
  ({ context } = await launchPersistent());
  page = await context.newPage();
  page.on('dialog', (d: Dialog) => {
    dialogs.push(d.message());
    void (answer ? d.accept() : d.dismiss());
  });
  await signInThroughUi(page, origin, a.username, a.password);
  await page.getByRole('listitem').filter({ hasText: subject }).waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('warns before throwing away what has not reached the server', async () => {
  await context.setOffline(true);
  try {
    const row = page.getByRole('listitem').filter({ hasText: subject });
    await row.getByRole('button').click();
    await page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Star' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Outbox/ }).textContent()).toMatch(/Outbox \(\d+\)/);
    answer = false;
    const asked = dialogs.length;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => dialogs.length).toBe(asked + 1);
    await expect
      .poll(() => dialogs.at(-1))
      .toMatch(/^\d+ changes? ha(s|ve) not reached the server yet and will be lost\. Sign out anyway\?$/);
    // Still signed in, the change still queued.
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: /^Outbox \(\d+\)/ }).count()).toBe(1);
  } finally {
    await context.setOffline(false);
  }
  // Back online the star reaches the server and the outbox empties.
  await expect
    .poll(
      async () => {
        const q = await alice.call('Email/query', { filter: { subject } });
        const got = await alice.call('Email/get', { ids: q.ids, properties: ['keywords'] });
        return got.list[0]?.keywords?.$flagged === true;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect.poll(() => page.getByRole('button', { name: /^Outbox/ }).textContent(), { timeout: 30_000 }).toBe('Outbox');
}, 90_000);

it('signs out and leaves nothing of the account on the device', async () => {
  const before = await storeCounts();
  expect(before.emails).toBeGreaterThan(0);
  expect(before.credentials).toBe(1);
  answer = true;
  const asked = dialogs.length;
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The question comes once the page has counted the outbox, after the click returned.
  await expect.poll(() => dialogs.length).toBe(asked + 1);
  expect(dialogs.at(-1)).toBe('Sign out and remove this account’s mail from this device?');
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
  // The worker may still be finishing a write when the page wipes: read until it settles.
  await expect
    .poll(
      async () => {
        const c = await storeCounts();
        return Object.entries(c)
          .filter(([name, n]) => n > 0 && name !== 'settings')
          .map(([name, n]) => `${name}: ${n}`);
      },
      { timeout: 10_000 },
    )
    .toEqual([]);
  // A reload still shows the sign-in form: nothing to resume.
  await page.reload();
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
}, 60_000);
