/**
 * First sync in a real browser: Debian's Chromium with a persistent profile (on-disk
 * IndexedDB, as an installed app has), the engine and the Dexie store loaded through
 * Vite's dev server, against the demo server seeded with N messages (kept under
 * .cache/bench so 100k is seeded once). Prints figures; asserts nothing.
 *
 * `npx tsx scripts/bench/browserSync.ts 10000 100000`
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer } from 'vite';
import { connect } from '../../src/jmap/index.ts';
import { startDemoServer } from '../../packages/demo-server/index.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';
import { launchPersistent } from '../../testing/browser/chromium.ts';
import type { runSyncBench } from './browser/syncPage.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export async function benchBrowserSync(messages: number, chunkSize = 400): Promise<Record<string, unknown>> {
  const dataDir = join(ROOT, '.cache/bench', `demo-${messages}`);
  const fresh = !existsSync(join(dataDir, 'seeded'));
  mkdirSync(dataDir, { recursive: true });
  const server = await startDemoServer({ port: 0, dataDir, control: true, seed: false });
  let seedMs = 0;
  try {
    if (fresh) {
      const t = performance.now();
      const alice = await connect({ url: server.origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } });
      await ensureSeeded(alice, 'bench-seed', messages, 'alice@example.test');
      seedMs = Math.round(performance.now() - t);
      mkdirSync(join(dataDir, 'seeded'));
    }
    const proxy = { target: server.origin, changeOrigin: true, autoRewrite: true };
    const vite = await createServer({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      server: { port: 0, host: '127.0.0.1', proxy: { '/jmap': proxy, '/.well-known/jmap': proxy }, hmr: false },
    });
    await vite.listen();
    const address = vite.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('Vite did not listen on a port');
    const origin = `http://127.0.0.1:${address.port}`;
    const profileDir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
    const { context } = await launchPersistent(profileDir);
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/public/manifest.webmanifest`);
      const figures = await page.evaluate(
        async (args) => {
          const url = '/scripts/bench/browser/syncPage.ts';
          const m = (await import(/* @vite-ignore */ url)) as { runSyncBench: typeof runSyncBench };
          return m.runSyncBench(args);
        },
        { username: 'alice', password: 'alice-password', chunkSize },
      );
      return {
        environment: {
          browser: 'Debian Chromium, headless, persistent profile (on-disk IndexedDB)',
          server: 'demo server (same machine)',
          messages,
          chunkSize,
          seededNowMs: fresh ? seedMs : 'reused',
        },
        ...figures,
      };
    } finally {
      await context.close();
      await vite.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const out: Record<string, unknown> = {};
  for (const n of sizes.length ? sizes : [10_000]) out[String(n)] = await benchBrowserSync(n);
  console.log(JSON.stringify({ date: new Date().toISOString(), browserSync: out }, null, 2));
}
