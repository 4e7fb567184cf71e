/**
 * The page's hardening (packages/app-origin/pagePolicy.ts) in Chromium, on the built app
 * served by the app server in front of Cyrus, and on the same page served offline by the
 * service worker (where only the <meta> CSP travels): Trusted Types refuses a
 * plain-string markup sink, inline script and eval do not run, and another origin cannot
 * frame the app. The headers of every server are checked by
 * src/server/app/EveryServingPathSendsThePagePolicy.test.ts.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PAGE_CSP_META, PAGE_HEADERS } from '../packages/app-origin/index.ts';
import { launchPersistent } from '../testing/browser/chromium.ts';

let context: BrowserContext;
let page: Page;
let origin: string;

beforeAll(async () => {
  origin = inject('app').origin;
  ({ context } = await launchPersistent());
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.close();
});

/** What the page's policy lets page code do: each entry says whether it was refused. */
async function refusals(p: Page): Promise<Record<string, string>> {
  return p.evaluate(() => {
    const attempt = (f: () => unknown) => {
      try {
        f();
        return 'allowed';
      } catch (error) {
        return (error as Error).name;
      }
    };
    const ran = (window as unknown as { __inlineRan?: boolean }).__inlineRan;
    return {
      innerHTML: attempt(() => (document.body.appendChild(document.createElement('div')).innerHTML = '<b>x</b>')),
      srcdoc: attempt(() => (document.createElement('iframe').srcdoc = '<b>x</b>')),
      scriptText: attempt(() => (document.createElement('script').textContent = 'window.__inlineRan = true')),
      // A string run as code later: a TrustedScript sink (eval itself cannot be tried
      // from here: code the test runner evaluates is exempt from the page's CSP).
      timerString: attempt(() => setTimeout('window.__inlineRan = true' as unknown as () => void, 0)),
      inlineRanBefore: String(ran === true),
    };
  });
}

const REFUSED = {
  innerHTML: 'TypeError',
  srcdoc: 'TypeError',
  scriptText: 'TypeError',
  timerString: 'TypeError',
  inlineRanBefore: 'false',
};

it('online: the page carries the policy headers and its sinks refuse plain strings', async () => {
  const response = await page.goto(origin + '/');
  const headers = response!.headers();
  for (const [name, value] of Object.entries(PAGE_HEADERS)) expect(headers[name.toLowerCase()], name).toBe(value);
  await page.getByLabel('Username', { exact: true }).waitFor();
  expect(await refusals(page)).toEqual(REFUSED);
});

it('offline from the service worker: the <meta> policy holds the same', async () => {
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', undefined, {
    timeout: 30_000,
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await context.setOffline(true);
  try {
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await page.getByLabel('Username', { exact: true }).waitFor();
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(PAGE_CSP_META);
    expect(await refusals(page)).toEqual(REFUSED);
  } finally {
    await context.setOffline(false);
  }
});

it('another origin cannot frame the app', async () => {
  const framer = await context.newPage();
  const root = (src: string) => `<iframe src="${src}" width="800" height="600"></iframe>`;
  await framer.route('http://framer.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: route.request().url().endsWith('/own')
        ? '<div id="root">its own page</div>'
        : root(route.request().url().endsWith('/control') ? 'http://framer.test/own' : origin + '/'),
    }),
  );
  const framed = async (url: string) => {
    await framer.goto(url);
    const child = framer.frames().find((f) => f !== framer.mainFrame());
    return (await child?.evaluate(() => Boolean(document.getElementById('root'))).catch(() => false)) ?? false;
  };
  // The check sees a framed page when there is one (a page with no policy)...
  expect(await framed('http://framer.test/control')).toBe(true);
  // ...and the app refuses to be one.
  expect(await framed('http://framer.test/app')).toBe(false);
  await framer.close();
});
