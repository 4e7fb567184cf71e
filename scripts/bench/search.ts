/**
 * Offline search on a big mailbox, in Debian Chromium against the built app (dist/):
 * 100,000 conversations with their bodies (~80 words each, drawn Zipf-like from 5,000
 * made-up words) written straight into IndexedDB for an offline account, then:
 * - indexing: from the reload until the search worker's index holds every message, and
 *   the longest task on the page's main thread meanwhile (the work is the worker's);
 * - cold start: the page reloaded with the index on disk, the first query's answer;
 * - typing: words typed key by key (offline), last key -> results painted, with and
 *   without the search field's 250 ms debounce;
 * - storage: the bodies' raw text against what they take on disk, and the index's size.
 * Figures, not assertions. `npx tsx scripts/bench/search.ts [threads]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchPersistent } from '../../testing/browser/chromium.ts';
import { signInThroughUi } from '../../testing/browser/ui.ts';
import { startDemoServer } from '../../packages/demo-server/index.ts';
import { seedBigList } from './ui.ts';

const DEBOUNCE_MS = 250;

const pct = (list: number[], p: number) => {
  const s = [...list].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN);
};

/** Long tasks of every document, and the time of each change of the search results. */
const PROBE = `(() => {
  globalThis.__name = (f) => f;
  const w = window;
  w.__long = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  w.__changes = [];
  new MutationObserver((records) => {
    if (records.some((r) => (r.target instanceof Element ? r.target : r.target.parentElement)?.closest?.('.search-results')))
      w.__changes.push(performance.now());
  }).observe(document, { childList: true, subtree: true, characterData: true });
  w.__keyAt = 0;
  addEventListener('keydown', () => (w.__keyAt = performance.now()), true);
})();`;

/** Made-up words, a few syllables each, the same every run. */
function vocabulary(n: number): string[] {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'sa',
    'tor',
    'vel',
    'un',
    'bri',
    'dos',
    'fen',
    'gal',
    'hu',
    'jor',
    'nix',
    'pla',
    'qua',
    'sto',
  ];
  const words: string[] = [];
  for (let i = 0; words.length < n; i++) {
    let w = '';
    for (let k = i, parts = 2 + (i % 3); parts > 0; parts--, k = Math.floor(k / syllables.length) + 7) w += syllables[k % syllables.length];
    if (!words.includes(w)) words.push(w);
  }
  return words;
}

async function seedBodies(page: Page, threads: number, words: string[]): Promise<{ rawTextBytes: number }> {
  return page.evaluate(
    async ({ n, words }) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('mail');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let raw = 0;
      const now = Date.now();
      for (let i = 0; i < n; i += 5000) {
        await new Promise<void>((res, rej) => {
          const tx = db.transaction(['bodies'], 'readwrite');
          const store = tx.objectStore('bodies');
          for (let j = i; j < Math.min(n, i + 5000); j++) {
            const text = Array.from({ length: 80 }, () => words[Math.floor(words.length * random() ** 3)]).join(' ');
            raw += text.length;
            store.put({
              accountId: 'bench-100k',
              emailId: `e${j}`,
              receivedMs: now - j * 60_000,
              textBody: [{ partId: '1', type: 'text/plain' }],
              htmlBody: [{ partId: '1', type: 'text/plain' }],
              attachments: [],
              bodyValues: { '1': { value: text, isEncodingProblem: false, isTruncated: false } },
              headers: [],
              replyTo: null,
              bcc: null,
              inReplyTo: null,
              references: null,
              bytes: text.length + 200,
              fetchedAt: now,
            });
          }
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
      }
      db.close();
      return { rawTextBytes: raw };
    },
    { n: threads, words },
  );
}

/** The account's messages in the index (searchMeta.docs), read with raw IndexedDB. */
const indexedDocs = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open('mail');
      r.onsuccess = () => res(r.result);
    });
    const meta = await new Promise<{ docs: number } | undefined>((res) => {
      const r = db.transaction('searchMeta').objectStore('searchMeta').get('bench-100k');
      r.onsuccess = () => res(r.result as { docs: number } | undefined);
    });
    db.close();
    return meta?.docs ?? 0;
  });

const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

/** Types `text` key by key into the search field; ms from the last key to the last change of the results. */
async function timeQuery(page: Page, text: string): Promise<{ ms: number; status: string }> {
  await page.locator('#search').fill('');
  await page.waitForTimeout(400);
  await page.evaluate(() => ((window as unknown as { __changes: number[] }).__changes = []));
  await page.locator('#search').pressSequentially(text, { delay: 60 });
  // Settled: nothing changed in the results for a second.
  for (let quiet = 0; quiet < 10;) {
    const before = await page.evaluate(() => (window as unknown as { __changes: number[] }).__changes.length);
    await page.waitForTimeout(100);
    const after = await page.evaluate(() => (window as unknown as { __changes: number[] }).__changes.length);
    quiet = after === before ? quiet + 1 : 0;
  }
  return page.evaluate(() => {
    const w = window as unknown as { __changes: number[]; __keyAt: number };
    const last = w.__changes.filter((t) => t >= w.__keyAt).pop() ?? NaN;
    return { ms: last - w.__keyAt, status: document.querySelector('.search-state')?.textContent ?? '' };
  });
}

export async function benchSearch(threads = 100_000): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const server = await startDemoServer({ port: 0, dataDir, control: true, staticDir: 'dist' });
  const { context, profileDir } = await launchPersistent();
  try {
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    await signInThroughUi(page, server.origin, 'demo', 'demo');
    await page.getByRole('listitem').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 60_000 });
    const words = vocabulary(5000);
    console.error(`search bench: seeding ${threads} conversations with bodies`);
    await seedBigList(page, threads);
    const beforeBodies = await usage(page);
    const { rawTextBytes } = await seedBodies(page, threads, words);
    const afterBodies = await usage(page);

    // Offline from here: what is measured is the device alone.
    await context.setOffline(true);
    await page.goto(server.origin + '/');
    const started = Date.now();
    for (;;) {
      if ((await indexedDocs(page)) >= threads) break;
      if (Date.now() - started > 900_000) throw new Error('The index was not built in 15 minutes');
      await page.waitForTimeout(500);
    }
    const indexMs = Date.now() - started;
    const longDuringIndexing = await page.evaluate(() => (window as unknown as { __long: [number, number][] }).__long.map(([, d]) => d));
    const afterIndex = await usage(page);
    console.error(`search bench: indexed in ${indexMs} ms`);

    // Cold start: a reload with the index on disk, then the first query.
    await page.reload();
    await page.locator('.thread').first().waitFor({ timeout: 60_000 });
    const cold = await timeQuery(page, words[40]!);

    // Words key by key: rare, common, two words, a prefix, a subject word in every message.
    const queries = [words[3000]!, words[10]!, `${words[5]} ${words[60]}`, words[700]!.slice(0, 4), 'conversation', words[2500]!];
    const typed: { query: string; ms: number; status: string }[] = [];
    for (let round = 0; round < 4; round++) for (const q of queries) typed.push({ query: q, ...(await timeQuery(page, q)) });
    const ms = typed.map((t) => t.ms);
    const workerHeap = await Promise.all(
      page.workers().map(async (w) => ({
        url: new URL(w.url()).pathname,
        heapBytes: await w.evaluate(
          () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
        ),
      })),
    );
    return {
      environment: { browser: 'Debian Chromium, headless, persistent profile', offline: true, threads },
      indexing: {
        ms: indexMs,
        mainThreadLongTasks: longDuringIndexing.length,
        mainThreadMaxLongTaskMs: Math.round(Math.max(0, ...longDuringIndexing)),
      },
      coldFirstQueryMs: Math.round(cold.ms - DEBOUNCE_MS),
      coldFirstQueryWithDebounceMs: Math.round(cold.ms),
      lastKeyToResults: {
        p50WithoutDebounceMs: pct(ms, 50) - DEBOUNCE_MS,
        p95WithoutDebounceMs: pct(ms, 95) - DEBOUNCE_MS,
        p95WithDebounceMs: pct(ms, 95),
        n: ms.length,
        examples: typed.slice(0, queries.length).map((t) => ({ query: t.query, ms: Math.round(t.ms), status: t.status })),
      },
      storage: {
        bodiesRawTextBytes: rawTextBytes,
        bodiesOnDiskBytes: afterBodies - beforeBodies,
        indexOnDiskBytes: afterIndex - afterBodies,
      },
      workerHeap,
    };
  } finally {
    await context.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSearch(Number(process.argv[2] ?? 100_000)), null, 2));
}
