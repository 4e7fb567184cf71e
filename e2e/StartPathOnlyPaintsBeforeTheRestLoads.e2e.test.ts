/**
 * Issue 11: from navigation to the first rows, a signed-in reload only paints. Until the
 * list's rows are in the DOM the page asks nothing of the JMAP server and loads no script
 * but the first download (index.html's entry and its static imports, as
 * scripts/bench/bundle.ts counts them); compose, search, settings, the conversation view,
 * TanStack Query and the identities fetch come after, when the shell is idle. And that
 * first download stays within its budget (85 KB of script, gzipped).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { benchBundle } from '../scripts/bench/bundle.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { E2E_DIST } from '../testing/browser/global-setup.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;

beforeAll(async () => {
  ({ context } = await launchPersistent());
});
afterAll(async () => {
  await context?.close();
});

it('requests no JMAP and no later chunk before the rows are painted', async () => {
  const { origin, backend } = inject('app');
  const alice = backend.users.alice;
  const page = await context.newPage();
  await signInThroughUi(page, origin, alice.username, alice.password);
  await page.locator('.thread').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });

  // The first load's later parts (the search worker's script comes last) have all been
  // fetched: none of them can be taken for a request of the reload below.
  await expect.poll(() => page.workers().length, { timeout: 15_000 }).toBeGreaterThan(0);
  // Every request of the reloaded page, in order, and where the rows came in among them.
  const requests: string[] = [];
  let atRows = -1;
  let reloading = false;
  page.on('request', (r) => reloading && requests.push(new URL(r.url()).pathname));
  await page.exposeFunction('__rowsVisible', () => {
    if (atRows < 0) atRows = requests.length;
  });
  await context.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.thread')) return;
      observer.disconnect();
      void (window as unknown as { __rowsVisible(): Promise<void> }).__rowsVisible();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  reloading = true;
  await page.reload();
  await page.locator('.thread').first().waitFor({ timeout: 30_000 });
  await expect.poll(() => atRows, { timeout: 10_000 }).toBeGreaterThan(0);
  // The later parts do load, once the shell is idle.
  await expect.poll(() => requests.some((p) => /\/assets\/Conversation-[^/]*\.js$/.test(p)), { timeout: 15_000 }).toBe(true);

  const bundle = benchBundle(E2E_DIST);
  const first = new Set((bundle.initialFiles as { file: string }[]).map((f) => `/${f.file}`));
  const before = requests.slice(0, atRows);
  expect(before.filter((p) => p.startsWith('/jmap') || p.startsWith('/.well-known'))).toEqual([]);
  expect(before.filter((p) => p.endsWith('.js') && !first.has(p))).toEqual([]);
  expect(before.filter((p) => first.has(p)).length).toBeGreaterThan(0);
  // Issue 11's budget for that first download is 110 KB of script, gzipped; held at 85:
  // Dexie (28 KB) is not on the start path since the first read is raw IndexedDB, and
  // over 85 it, or something else that does not paint rows, joined the start path.
  expect(bundle.initialJsGzipBytes).toBeLessThanOrEqual(85_000);
});
