/**
 * The Inbox of the seeded account (e2e/global-setup.ts) holds more conversations than
 * one page of the list: scrolling down loads older mail page after page until the
 * oldest conversation shows, the view never jumps back while a page arrives, and the
 * list keeps a couple of dozen rows in the DOM however long it grows.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { connect } from '../src/jmap/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;
let total = 0;

beforeAll(async () => {
  const { origin, backend } = inject('app');
  const a = backend.users.alice;
  const alice = await connect({ url: backend.origin, auth: { kind: 'basic', username: a.username, password: a.password } });
  const inbox = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'inbox')!;
  const q = await alice.call('Email/query', { filter: { inMailbox: inbox.id }, collapseThreads: true, calculateTotal: true, limit: 1 });
  total = q.total ?? 0;
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await signInThroughUi(page, origin, a.username, a.password);
  await page.locator('.thread').first().waitFor({ timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('loads older conversations page by page as the list is scrolled, without jumping back', async () => {
  // More than one page (100 conversations) for this to prove anything.
  expect(total).toBeGreaterThan(120);
  const result = await page.evaluate(async () => {
    const el = document.querySelector('.thread-scroller') as HTMLElement;
    const positions: number[] = [];
    const seen = new Set<string>();
    let maxRows = 0;
    let reachedEnd = false;
    const started = performance.now();
    while (performance.now() - started < 60_000) {
      el.scrollTop += 600;
      await new Promise((r) => requestAnimationFrame(r));
      positions.push(el.scrollTop);
      const rows = document.querySelectorAll('.thread');
      maxRows = Math.max(maxRows, rows.length);
      rows.forEach((r) => seen.add(r.getAttribute('data-thread-id') ?? ''));
      if (el.textContent?.includes('No older conversations.')) {
        reachedEnd = true;
        break;
      }
    }
    // The position never went back (a page arriving must not move the view).
    const backwards = positions.filter((p, i) => i > 0 && p < positions[i - 1]!).length;
    return { reachedEnd, seen: seen.size, backwards, steps: positions.length, maxRows, scrollHeight: el.scrollHeight };
  });
  console.log(JSON.stringify({ figure: 'long-list-scroll', total, ...result }));
  expect(result.reachedEnd).toBe(true);
  // Every conversation of the Inbox passed by, each once.
  expect(result.seen).toBe(total);
  expect(result.backwards).toBe(0);
  expect(result.maxRows).toBeLessThan(60);
}, 120_000);
