/**
 * Issue 5: the README's run command (`npm start` = scripts/start.mjs) builds the app and
 * serves it with the embedded demo server; a person signs in with the printed login and
 * sees the demo Inbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { launchPersistent } from '../testing/browser/chromium.ts';
import { screenshot, signInThroughUi } from '../testing/browser/ui.ts';

let child: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-start-'));

afterAll(() => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

it('npm start prints a URL and a login that show the demo Inbox', async () => {
  const port = await freePort();
  child = spawn('node', ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), DEMO_DATA: dataDir, OUT_DIR: join(dataDir, 'dist') },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const end = Date.now() + 120_000;
  while (!/Open (http\S+) and sign in as "([^"]+)" with password "([^"]+)"/.test(out)) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`npm start did not say where to go:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const [, url, user, password] = out.match(/Open (http\S+) and sign in as "([^"]+)" with password "([^"]+)"/)!;
  const { context } = await launchPersistent();
  try {
    const page = await context.newPage();
    await signInThroughUi(page, url!.replace(/\/$/, ''), user!, password!);
    await page.getByRole('listitem').first().waitFor({ timeout: 60_000 });
    expect(await page.getByRole('listitem').count()).toBeGreaterThan(3);
    expect(await page.getByRole('heading', { name: 'Inbox' }).count()).toBe(1);
    await screenshot(page, 'demo-inbox');
  } finally {
    await context.close();
  }
}, 240_000);
