/**
 * The store's write path alone in Chromium (persistent profile, on-disk IndexedDB): how
 * long one listing chunk's apply() takes as the tables grow. Separates the store from
 * the server in the first-sync figures. `npx tsx scripts/bench/storeApply.ts 100000`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import { launchPersistent } from '../../testing/browser/chromium.ts';
import type { runApplyBench } from './browser/applyPage.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export async function benchStoreApply(total: number, chunk = 400): Promise<Record<string, unknown>> {
  const vite = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', hmr: false },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite did not listen on a port');
  const profileDir = mkdtempSync(join(tmpdir(), 'bench-apply-'));
  const { context } = await launchPersistent(profileDir);
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/public/manifest.webmanifest`);
    return await page.evaluate(
      async (args) => {
        const url = '/scripts/bench/browser/applyPage.ts';
        const m = (await import(/* @vite-ignore */ url)) as { runApplyBench: typeof runApplyBench };
        return m.runApplyBench(args);
      },
      { total, chunk },
    );
  } finally {
    await context.close();
    await vite.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify({ storeApply: await benchStoreApply(Number(process.argv[2] ?? 100_000)) }, null, 2));
}
