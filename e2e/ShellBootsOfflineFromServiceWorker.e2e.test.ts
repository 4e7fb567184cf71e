import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchPersistent } from '../testing/browser/chromium.ts';

let context: BrowserContext;

beforeAll(async () => {
  ({ context } = await launchPersistent());
});
afterAll(async () => {
  await context?.close();
});

it('boots the app shell with no network once the service worker has installed', async () => {
  const { origin } = inject('app');
  const page = await context.newPage();
  await page.goto(origin + '/');
  // The page registers the worker; wait until it controls the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
  await context.setOffline(true);
  try {
    await page.reload();
    // The shell rendered from the precache: React mounted something into #root.
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, null, { timeout: 10_000 });
    expect(await page.title()).toBe('Mail');
    const reachedNetwork = await page.evaluate(async () => {
      try {
        await fetch('/does-not-exist-' + Math.random(), { cache: 'no-store' });
        return true;
      } catch {
        return false;
      }
    });
    expect(reachedNetwork).toBe(false);
  } finally {
    await context.setOffline(false);
  }
});
