import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
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
