/**
 * The installed app: Chromium's own install check finds nothing missing, and every icon a
 * launcher may ask for is there at the size the manifest says (PNG 192 and 512 for Android
 * and desktop, a full-bleed maskable one for launchers that cut their own shape, and the
 * apple-touch-icon iOS reads instead of the manifest), and the screenshots and description
 * richer install dialogs show.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchPersistent } from '../testing/browser/chromium.ts';

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ context } = await launchPersistent());
  page = await context.newPage();
  await page.goto(inject('app').origin + '/');
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
});
afterAll(async () => {
  await context?.close();
});

/** The decoded size of the image at `url`, or the reason it did not load. */
function imageSize(url: string): Promise<string> {
  return page.evaluate(async (u) => {
    const response = await fetch(u);
    if (!response.ok) return `HTTP ${response.status}`;
    const bitmap = await createImageBitmap(await response.blob());
    return `${response.headers.get('content-type')} ${bitmap.width}x${bitmap.height}`;
  }, url);
}

it("passes Chromium's installability check", async () => {
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
  expect(installabilityErrors).toEqual([]);
});

it('offers PNG icons of 192 and 512, a maskable one, and an apple-touch-icon, each at its size', async () => {
  const cdp = await context.newCDPSession(page);
  const { data, errors } = (await cdp.send('Page.getAppManifest')) as { data: string; errors: unknown[] };
  expect(errors).toEqual([]);
  const icons = (JSON.parse(data) as { icons: { src: string; sizes: string; type: string; purpose?: string }[] }).icons;
  const png = (size: number, purpose: string) =>
    icons.find((i) => i.type === 'image/png' && i.sizes === `${size}x${size}` && (i.purpose ?? 'any').split(' ').includes(purpose));
  for (const [size, purpose] of [
    [192, 'any'],
    [512, 'any'],
    [512, 'maskable'],
  ] as const) {
    const icon = png(size, purpose);
    expect(icon, `a ${size} px PNG icon for "${purpose}"`).toBeDefined();
    expect(await imageSize(icon!.src)).toBe(`image/png ${size}x${size}`);
  }
  const apple = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="apple-touch-icon"]')?.href ?? '');
  expect(apple).not.toBe('');
  expect(await imageSize(apple)).toBe('image/png 180x180');
});

it('shows installers a wide and a narrow screenshot, each at its size, and a description', async () => {
  const cdp = await context.newCDPSession(page);
  const { data } = (await cdp.send('Page.getAppManifest')) as { data: string };
  const manifest = JSON.parse(data) as {
    description?: string;
    screenshots?: { src: string; sizes: string; form_factor?: string; label?: string }[];
  };
  expect(manifest.description?.length ?? 0).toBeGreaterThan(20);
  for (const form of ['wide', 'narrow']) {
    const shot = manifest.screenshots?.find((s) => s.form_factor === form);
    expect(shot, `a ${form} screenshot`).toBeDefined();
    expect(shot!.label).toBeTruthy();
    expect(await imageSize(new URL(shot!.src, inject('app').origin).href)).toBe(`image/png ${shot!.sizes}`);
  }
});
