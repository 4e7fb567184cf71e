/**
 * Renders the app's SVG icons to the PNG sizes installers ask for (Chromium's install
 * check, Android's launcher, iOS's home screen), with Debian's Chromium: no image
 * package needed. Run after changing public/icon*.svg: `npx tsx scripts/icons/render.ts`.
 * The PNGs are committed (the build copies public/ as it is).
 *
 * - icon-192.png, icon-512.png: the rounded icon, transparent corners ("any").
 * - icon-maskable-512.png: full bleed, the envelope inside the inner 80 % safe zone, for
 *   launchers that cut their own shape ("maskable").
 * - apple-touch-icon.png (180): iOS ignores the manifest's icons and rounds its own
 *   corners, so the full-bleed drawing.
 */
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '../../testing/browser/chromium.ts';

const PUBLIC = join(import.meta.dirname, '../../public');
const OUTPUTS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192, transparent: true },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512, transparent: true },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512, transparent: false },
  { svg: 'icon-maskable.svg', png: 'apple-touch-icon.png', size: 180, transparent: false },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
try {
  for (const out of OUTPUTS) {
    const page = await browser.newPage({ viewport: { width: out.size, height: out.size }, deviceScaleFactor: 1 });
    const svg = readFileSync(join(PUBLIC, out.svg), 'utf8');
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${out.size}px;height:${out.size}px}</style>${svg}`,
    );
    await page.screenshot({
      path: join(PUBLIC, out.png),
      omitBackground: out.transparent,
      clip: { x: 0, y: 0, width: out.size, height: out.size },
    });
    await page.close();
    console.log(`${out.png} ${out.size}x${out.size}`);
  }
} finally {
  await browser.close();
}
