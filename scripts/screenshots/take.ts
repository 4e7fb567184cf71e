/**
 * The manifest's screenshots (what Chromium's richer install dialog and app stores show):
 * the built app (dist/) against the demo server's seeded mailbox, signed in as `demo`,
 * one wide (desktop, 1280x800) and one narrow (phone, 412x915) view, written to
 * public/screenshots/ and committed. Run after a visible change: `npm run screenshots`
 * (builds first). Not precached by the worker (vite.config.ts globIgnores): only an
 * installer reads them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../packages/demo-server/index.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../testing/browser/chromium.ts';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'public/screenshots');
const SHOTS = [
  { file: 'inbox-wide.png', width: 1280, height: 800, open: true },
  { file: 'inbox-narrow.png', width: 412, height: 915, open: false },
];

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'screenshots-'));
const server = await startDemoServer({ port: 0, dataDir, staticDir: join(ROOT, 'dist') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: 1,
      colorScheme: 'light',
    });
    await page.goto(server.origin + '/');
    await page.getByLabel('Username', { exact: true }).fill('demo');
    await page.getByLabel('Password', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('listitem').nth(5).waitFor({ timeout: 60_000 });
    await page
      .getByText(/Up to date/)
      .first()
      .waitFor({ timeout: 60_000 });
    if (shot.open) {
      await page.locator('.thread-open').first().click();
      await page.locator('.reading-pane .placeholder').waitFor({ state: 'detached', timeout: 30_000 });
      await page.waitForTimeout(1500);
    }
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(OUT, shot.file) });
    console.log(`screenshots/${shot.file} ${shot.width}x${shot.height}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
