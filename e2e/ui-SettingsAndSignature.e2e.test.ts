/**
 * Settings against Cyrus 3.6: identities are read-only there (no Identity/set), so a
 * signature is kept on the device and used by compose; the vacation response says it is
 * not available (Cyrus drops the connection on VacationResponse/get); storage and the
 * offline scope are shown in words. A signature saved offline is an outbox intent: kept
 * through a reload, and once online the outbox says Cyrus keeps it on the device only
 * (the server half, Identity/set landing once, is src/outbox's engine test on the demo).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, seriousA11yViolations, signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const { origin, backend } = inject('app');
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await page.getByRole('listitem').first().waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('keeps a signature on the device where the server cannot store it, and compose uses it', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Signature', { exact: true }).first().fill('Alice\nOffline-first since 2026');
  await settings.getByRole('button', { name: 'Save signature' }).first().click();
  await expect
    .poll(() => settings.getByRole('status').first().textContent(), { timeout: 20_000 })
    .toMatch(/kept on this device|saved on the server/);
  await settings
    .getByText(/Vacation response/)
    .first()
    .waitFor();
  await expect.poll(() => settings.textContent(), { timeout: 30_000 }).toMatch(/Not available on this server|Answer mail automatically/);
  expect(await settings.textContent()).toMatch(/Storage used: .* of .* available/);
  await screenshot(page, 'settings');
  expect(await seriousA11yViolations(page)).toEqual([]);
  await settings.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await expect
    .poll(() => dialog.getByRole('textbox', { name: 'Message' }).inputValue(), { timeout: 20_000 })
    .toMatch(/-- \nAlice\nOffline-first since 2026/);
  await dialog.getByRole('button', { name: 'Discard' }).click();
}, 90_000);

it('keeps a signature changed offline through a reload, and says where it is kept once online', async () => {
  const signature = `Written offline ${Date.now()}`;
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  let settings = page.getByRole('dialog', { name: 'Settings' });
  // The label's name includes what the box holds (the signature saved above), hence a prefix.
  const box = () => settings.getByLabel(/^Signature/).first();
  await box().fill(signature);
  await settings.getByRole('button', { name: 'Save signature' }).first().click();
  await expect.poll(() => settings.getByRole('status').first().textContent(), { timeout: 10_000 }).toMatch(/kept on this device/);
  await settings.getByRole('button', { name: 'Close' }).click();

  // Reload with no network: the app from the worker's cache, the signature from the device.
  await page.reload();
  await page.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Settings' }).click();
  settings = page.getByRole('dialog', { name: 'Settings' });
  await expect.poll(() => box().inputValue(), { timeout: 20_000 }).toBe(signature);
  await settings.getByRole('button', { name: 'Close' }).click();

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  // Cyrus has no Identity/set: the outbox tried it once and says the signature stays here.
  await expect.poll(() => page.getByText(/signature is kept on this device/).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await expect
    .poll(() => dialog.getByRole('textbox', { name: 'Message' }).inputValue(), { timeout: 20_000 })
    .toContain(`-- \n${signature}`);
  await dialog.getByRole('button', { name: 'Discard' }).click();
}, 120_000);
