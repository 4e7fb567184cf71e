/**
 * Issue 11 (part) in the browser, against Cyrus and the built app: the status bar's words
 * are true the moment the facts change. During the first download it never says "0
 * messages" (or fewer messages than conversations) while rows are painted; offline
 * (context.setOffline) it says so without waiting for a sync attempt to fail, and up to
 * date again once back; a background worker that stops answering heartbeats is said so.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi } from '../testing/browser/ui.ts';

let context: BrowserContext;
let page: Page;

interface Sample {
  rows: number;
  text: string;
}

const statusText = async () => (await page.locator('.sync-status').textContent()) ?? '';

beforeAll(async () => {
  ({ context } = await launchPersistent());
  page = await context.newPage();
  // Every change of the status or the list, recorded in the page as it happens (plus a
  // 20 ms sampler), from the first paint of the shell to the end of the first sync.
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const samples: { rows: number; text: string }[] = [];
    (window as unknown as { statusSamples: typeof samples }).statusSamples = samples;
    const sample = () => {
      const text = document.querySelector('.sync-status')?.textContent ?? null;
      if (text === null) return;
      const rows = document.querySelectorAll('[role="listitem"]').length;
      const last = samples[samples.length - 1];
      if (!last || last.rows !== rows || last.text !== text) samples.push({ rows, text });
    };
    new MutationObserver(sample).observe(document, { subtree: true, childList: true, characterData: true });
    setInterval(sample, 20);
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
});

it('never says "0 messages", nor fewer messages than the rows shown, during the first sync', async () => {
  const { origin, backend } = inject('app');
  await signInThroughUi(page, origin, backend.users.alice.username, backend.users.alice.password);
  await page.getByRole('listitem').first().waitFor({ timeout: 60_000 });
  await expect.poll(statusText, { timeout: 90_000 }).toMatch(/^Up to date/);
  const samples = await page.evaluate(() => (window as unknown as { statusSamples: Sample[] }).statusSamples);
  const painted = samples.filter((s) => s.rows > 0);
  expect(painted.length).toBeGreaterThan(0);
  for (const s of painted) {
    expect(s.text).not.toMatch(/\b0 (of [\d,]+ )?messages/);
    const counted = /([\d,]+) (?:of [\d,]+ )?messages? on this device/.exec(s.text);
    // Each row on screen is a conversation with at least one message in the mirror.
    if (counted) expect(Number(counted[1]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(s.rows);
  }
  console.log(JSON.stringify({ figure: 'status-samples-during-first-sync', samples: samples.map((s) => `${s.rows} | ${s.text}`) }));
}, 150_000);

it('says offline as soon as the network goes, and up to date again once it is back', async () => {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
  expect(await statusText()).toMatch(/^Up to date/);
  await context.setOffline(true);
  try {
    // No sync attempt has to fail first: the browser's `offline` event is enough.
    await expect.poll(statusText, { timeout: 2_000 }).toMatch(/^Offline: what you do is kept on this device/);
    await screenshot(page, 'status-offline');
  } finally {
    await context.setOffline(false);
  }
  await expect.poll(statusText, { timeout: 30_000 }).toMatch(/^Up to date/);
}, 60_000);

it('says the background worker does not answer when a heartbeat goes unanswered, and recovers', async () => {
  // A worker that hears nothing (its messages dropped on the page's side), then a heartbeat
  // now (the page beats when it becomes visible): its 10 s answer window runs out.
  await page.evaluate(() => {
    const proto = ServiceWorker.prototype as unknown as { postMessage: unknown; realPostMessage?: unknown };
    proto.realPostMessage = proto.postMessage;
    proto.postMessage = () => undefined;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(statusText, { timeout: 15_000 }).toMatch(/^Not syncing: the background worker does not answer/);
  await page.evaluate(() => {
    const proto = ServiceWorker.prototype as unknown as { postMessage: unknown; realPostMessage?: unknown };
    proto.postMessage = proto.realPostMessage;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(statusText, { timeout: 15_000 }).toMatch(/^(Up to date|Checking for new mail)/);
}, 60_000);
