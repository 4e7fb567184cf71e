import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's Chromium driven by playwright-core: no browser download. The flags keep
 * Chromium from reaching for Google's hosts, which this machine's closed network
 * refuses many times a second otherwise.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * A persistent profile (a real on-disk IndexedDB, service worker registrations that
 * survive a reload): what a person's installed app has.
 */
export async function launchPersistent(profileDir?: string): Promise<{ context: BrowserContext; profileDir: string }> {
  const dir = profileDir ?? mkdtempSync(join(tmpdir(), 'mail-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1280, height: 800 },
  });
  return { context, profileDir: dir };
}

/**
 * Kills the browser of a persistent profile as a crash would (SIGKILL: no unload, no
 * pagehide, no flushing): the main Chromium process started with this profile, found by
 * its --user-data-dir (unique per profile). Resolves once it is gone.
 */
export async function killBrowserHard(profileDir: string): Promise<void> {
  const mine = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='));
      } catch {
        return false;
      }
    })
    .map(Number);
  if (mine.length !== 1) throw new Error(`Expected one browser process for ${profileDir}, found ${mine.length}`);
  const pid = mine[0]!;
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The browser (pid ${pid}) is still running after SIGKILL`);
}
