/**
 * Reload -> the first 10 conversation rows painted, in Debian Chromium against the built
 * app (dist/) served by the demo server, beside a BARE page measured in the same run
 * (scripts/bench/bare/: raw IndexedDB, the same index, 50 rows painted as plain divs).
 *
 * - 2,000 messages: alice's account seeded through JMAP (kept under .cache/bench), synced
 *   into the browser through the app, then 10 reloads of the app and 10 of the bare page.
 * - 100,000 conversations (offline, warm profile): rows written straight into IndexedDB
 *   as ui.ts does, the search index built by the app's search worker (waited for), the demo
 *   server stopped (a stub on its port serves only the bare page and drops every other
 *   request), then 10 reloads of each.
 *
 * "Painted": an init script's MutationObserver sees 10 `.thread` rows, then the next
 * animation frame and the task after it (the frame is out); ms since navigation start.
 * Long tasks after that moment (3 s) show what freezes the page once the rows are up.
 * Steps (medians): when the page first opened IndexedDB (its code ran that far) and when
 * its first transaction ended (the start read), when #root got its first element, for
 * the app and the bare page alike.
 * Figures, not assertions. `npx tsx scripts/bench/reload.ts [threads] [dist]`
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { launchPersistent } from '../../testing/browser/chromium.ts';
import { signInThroughUi } from '../../testing/browser/ui.ts';
import { connect } from '../../src/jmap/index.ts';
import { serveStatic } from '../../packages/app-origin/index.ts';
import { startDemoServer } from '../../packages/demo-server/index.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';
import { seedBigList } from './ui.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BARE = '/__bench/bare.html';
const AFTER_MS = 3000;

/** Runs in every document the browser opens: when 10 rows are painted, and the long tasks. */
const PROBE = `(() => {
  globalThis.__name = (f) => f;
  const w = window;
  w.__long = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  // Where the time goes: the page's first IndexedDB open (its code has run that far) and
  // its first transaction's end (the rows are read); the service worker is not watched.
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) { w.__openAt ??= performance.now(); return open.apply(this, args); };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (w.__readAt === undefined) { w.__readAt = null; tx.addEventListener('complete', () => (w.__readAt = performance.now())); }
    return tx;
  };
  const seen = () => document.querySelectorAll('.thread').length >= 10;
  const mark = () => requestAnimationFrame(() => { const frame = performance.now(); setTimeout(() => (w.__rows = { frame, painted: performance.now() })); });
  const mo = new MutationObserver(() => {
    if (w.__rootAt === undefined && document.getElementById('root')?.firstChild) w.__rootAt = performance.now();
    if (seen()) { mo.disconnect(); mark(); }
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

interface Load {
  paintedMs: number;
  /** The page's first indexedDB.open (its code ran until there), and its first transaction's end. */
  openMs: number;
  readMs: number;
  /** The first element in #root (the app's first React commit; the bare page's list). */
  rootMs: number;
  /** The app's own marks (main.tsx): modules evaluated, start read in hand, first commit done (NaN on the bare page). */
  modulesMs: number;
  readInHandMs: number;
  committedMs: number;
  /** The longest task within 3 s after the rows were painted. */
  maxLongTaskAfterMs: number;
  /** Sum of long tasks in those 3 s. */
  longTasksAfterMs: number;
}

const median = (list: number[]) => {
  const s = [...list].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2);
};

async function measure(page: Page, go: () => Promise<unknown>): Promise<Load> {
  await go();
  await page.waitForFunction(() => !!(window as unknown as { __rows?: unknown }).__rows, null, { timeout: 120_000, polling: 50 });
  await page.waitForTimeout(AFTER_MS);
  return page.evaluate(() => {
    const w = window as unknown as {
      __rows: { painted: number };
      __long: [number, number][];
      __openAt?: number;
      __readAt?: number | null;
      __rootAt?: number;
    };
    const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
    const after = w.__long.filter(([start, d]) => start + d > w.__rows.painted && start < w.__rows.painted + 3000);
    return {
      paintedMs: Math.round(w.__rows.painted),
      openMs: Math.round(w.__openAt ?? NaN),
      readMs: Math.round(w.__readAt ?? NaN),
      rootMs: Math.round(w.__rootAt ?? NaN),
      modulesMs: Math.round(mark('app:modules')),
      readInHandMs: Math.round(mark('app:read')),
      committedMs: Math.round(mark('app:committed')),
      maxLongTaskAfterMs: Math.round(Math.max(0, ...after.map(([, d]) => d))),
      longTasksAfterMs: Math.round(after.reduce((n, [, d]) => n + d, 0)),
    };
  });
}

/**
 * n reloads of the app and n of the bare page, and their medians. Taken in turns (app
 * reload, bare reload, ... in two tabs), so a busy moment of a shared machine falls on
 * both alike.
 */
async function reloads(page: Page, origin: string, n: number): Promise<Record<string, unknown>> {
  const app: Load[] = [];
  const bare: Load[] = [];
  const traffic: Traffic[] = [];
  const barePage = await page.context().newPage();
  await measure(page, () => page.goto(origin + '/'));
  await measure(barePage, () => barePage.goto(origin + BARE));
  for (let i = 0; i < n; i++) {
    const watch = watchJmap(page);
    app.push(await measure(page, () => page.reload()));
    traffic.push(await watch());
    bare.push(await measure(barePage, () => barePage.reload()));
  }
  await barePage.close();
  const appMs = median(app.map((l) => l.paintedMs));
  const bareMs = median(bare.map((l) => l.paintedMs));
  return {
    appMedianMs: appMs,
    bareMedianMs: bareMs,
    ratio: Math.round((appMs / bareMs) * 100) / 100,
    // Medians of the steps: code ran until the open, then the first read, then the paint.
    appSteps: steps(app),
    bareSteps: steps(bare),
    appMaxLongTaskAfterMs: Math.max(...app.map((l) => l.maxLongTaskAfterMs)),
    appLongTasksAfterMedianMs: median(app.map((l) => l.longTasksAfterMs)),
    bareMaxLongTaskAfterMs: Math.max(...bare.map((l) => l.maxLongTaskAfterMs)),
    appMs: app.map((l) => l.paintedMs),
    bareMs: bare.map((l) => l.paintedMs),
    // JMAP traffic of each reload (page and worker, from navigation to 3 s after the rows):
    // nothing changed on the server between them.
    jmapPerReload: {
      requestsMax: Math.max(...traffic.map((t) => t.requests.length)),
      requestsMedian: median(traffic.map((t) => t.requests.length)),
      maxUpBodyBytes: Math.max(0, ...traffic.flatMap((t) => t.requests.map((r) => r.up))),
      maxDownBodyBytes: Math.max(0, ...traffic.flatMap((t) => t.requests.map((r) => r.down))),
      maxUpHeaderBytes: Math.max(0, ...traffic.flatMap((t) => t.requests.map((r) => r.upHeaders))),
      maxDownHeaderBytes: Math.max(0, ...traffic.flatMap((t) => t.requests.map((r) => r.downHeaders))),
      example: traffic.at(-1)?.requests ?? [],
    },
  };
}

interface Traffic {
  /** Bytes of the bodies each way, and of the headers (request line and status line included). */
  requests: { what: string; by: 'page' | 'worker'; up: number; down: number; upHeaders: number; downHeaders: number }[];
}

/**
 * Counts the JMAP requests of the page and its worker from now until the returned
 * function is called; sizes as on the wire (headers and body, each way), for finished
 * requests. A request still open then (an event stream) counts with what it had sent.
 */
function watchJmap(page: Page): () => Promise<Traffic> {
  const context = page.context();
  const seen: Promise<Traffic['requests'][number]>[] = [];
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/jmap') && !url.pathname.startsWith('/.well-known/jmap')) return;
    const calls = ((request.postDataJSON() as { methodCalls?: [string][] } | null)?.methodCalls ?? []).map((c) => c[0]);
    const what = `${request.method()} ${url.pathname} ${calls.join(' ')}`.trim();
    const by = request.serviceWorker() ? 'worker' : 'page';
    seen.push(
      Promise.race([request.response().then((r) => r?.finished()), new Promise((r) => setTimeout(r, 5000))]).then(async () => {
        const sizes = await request.sizes().catch(() => null);
        return {
          what,
          by,
          up: sizes?.requestBodySize ?? 0,
          down: sizes?.responseBodySize ?? 0,
          upHeaders: sizes?.requestHeadersSize ?? 0,
          downHeaders: sizes?.responseHeadersSize ?? 0,
        };
      }),
    );
  };
  context.on('request', onRequest);
  return async () => {
    context.off('request', onRequest);
    return { requests: await Promise.all(seen) };
  };
}

const steps = (list: Load[]) => ({
  openMs: median(list.map((l) => l.openMs)),
  readDoneMs: median(list.map((l) => l.readMs)),
  firstInRootMs: median(list.map((l) => l.rootMs)),
  // The app only (main.tsx marks): its modules evaluated, the start read in hand, its first commit.
  modulesMs: median(list.map((l) => l.modulesMs)),
  readInHandMs: median(list.map((l) => l.readInHandMs)),
  committedMs: median(list.map((l) => l.committedMs)),
  paintedMs: median(list.map((l) => l.paintedMs)),
});

const countIn = (page: Page, store: string) =>
  page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('mail');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const n = await new Promise<number>((res) => {
      const r = db.transaction(name).objectStore(name).count();
      r.onsuccess = () => res(r.result);
    });
    db.close();
    return n;
  }, store);

/**
 * One search in the app, and the wait until the device's index holds every message (the
 * search worker builds it after each sync), so reloads are measured on a profile as a
 * person's is, with no indexing going on beside them.
 */
export async function warmSearchIndex(page: Page, text: string): Promise<void> {
  await page.locator('#search').fill(text);
  await page.waitForFunction(
    async () => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('mail');
        r.onsuccess = () => res(r.result);
      });
      const ask = <T>(store: string, what: (s: IDBObjectStore) => IDBRequest) =>
        new Promise<T>((res) => {
          const r = what(db.transaction(store).objectStore(store));
          r.onsuccess = () => res(r.result as T);
        });
      const [account] = await ask<{ id: string }[]>('accounts', (s) => s.getAll());
      if (!account) return (db.close(), false);
      const meta = await ask<{ docs: number } | undefined>('searchMeta', (s) => s.get(account.id));
      const emails = await ask<number>('emails', (s) => s.count(IDBKeyRange.bound([account.id], [account.id, []])));
      db.close();
      return !!meta && meta.docs >= emails;
    },
    null,
    { timeout: 600_000, polling: 1000 },
  );
  await page.locator('#search').fill('');
}

/** On the stopped server's port: the bare page only; every other request is dropped, as by a dead server. */
function offlineStub(port: number, dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    void serveStatic(dir, req, res).then((served) => {
      if (!served) req.socket.destroy();
    });
  });
  return new Promise((res) => server.listen(port, '127.0.0.1', () => res(server)));
}

export async function benchReload(
  options: { messages?: number; threads?: number; reloads?: number; dist?: string } = {},
): Promise<Record<string, unknown>> {
  const { messages = 2000, threads = 100_000, reloads: n = 10, dist = join(ROOT, 'dist') } = options;
  const dataDir = join(ROOT, '.cache/bench', `demo-${messages}`);
  const fresh = !existsSync(join(dataDir, 'seeded'));
  mkdirSync(dataDir, { recursive: true });
  // dist/ and the bare page side by side, so both are on the app's origin.
  const staticDir = mkdtempSync(join(tmpdir(), 'bench-reload-'));
  cpSync(dist, staticDir, { recursive: true });
  cpSync(join(ROOT, 'scripts/bench/bare'), join(staticDir, '__bench'), { recursive: true });
  const bareOnly = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  cpSync(join(ROOT, 'scripts/bench/bare'), join(bareOnly, '__bench'), { recursive: true });
  let server: { origin: string; stop(): Promise<void> } | null = await startDemoServer({
    port: 0,
    dataDir,
    control: true,
    seed: false,
    staticDir,
  });
  const origin = server.origin;
  const { context, profileDir } = await launchPersistent();
  let stub: Server | null = null;
  try {
    if (fresh) {
      const alice = await connect({ url: origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } });
      await ensureSeeded(alice, 'bench-seed', messages, 'alice@example.test');
      mkdirSync(join(dataDir, 'seeded'));
    }
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    await signInThroughUi(page, origin, 'alice', 'alice-password');
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 60_000 });
    for (const t = Date.now(); (await countIn(page, 'emails')) < messages;) {
      if (Date.now() - t > 300_000) throw new Error('The first sync did not finish in 5 minutes');
      await page.waitForTimeout(500);
    }
    await warmSearchIndex(page, 'topic');
    const small = await reloads(page, origin, n);

    await seedBigList(page, threads);
    await measure(page, () => page.goto(origin + '/'));
    await warmSearchIndex(page, 'Conversation');
    const port = Number(new URL(origin).port);
    await server.stop();
    server = null;
    stub = await offlineStub(port, bareOnly);
    const big = await reloads(page, origin, n);
    return {
      environment: {
        browser: 'Debian Chromium, headless, persistent profile',
        server: 'demo server, same machine; stopped for the 100k figures',
        reloads: n,
      },
      [String(messages)]: small,
      [`${threads}Offline`]: big,
    };
  } finally {
    await context.close();
    await server?.stop();
    await new Promise((res) => (stub ? stub.close(res) : res(undefined)));
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(bareOnly, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchReload({ threads: Number(process.argv[2] ?? 100_000), dist: process.argv[3] }), null, 2));
}
