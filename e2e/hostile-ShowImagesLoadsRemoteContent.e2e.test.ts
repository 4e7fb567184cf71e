/**
 * The other side of blocking: once the person chooses "Show images" (this message) or
 * "Always for sender", remote content DOES load — which also proves the remote-host
 * counter used by the other hostile-mail tests can see a load at all. Plus the frame's
 * behaviour a person sees: inline cid: images, auto height, folded quotes, links
 * opening in a new tab without a way back to the app.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { HostileSession } from '../testing/browser/hostile/session.ts';
import { PIXEL_PNG } from '../testing/browser/hostile/servers.ts';

let session: HostileSession;

beforeAll(async () => {
  session = await HostileSession.start();
});
afterAll(async () => {
  await session?.stop();
});
beforeEach(async () => {
  await session.clear();
});

const NEWSLETTER =
  '<style>.hero { background: url(http://remote.test/hero.png); height: 20px }</style>' +
  '<p>News</p><img id="pic" src="http://remote.test/pic.png" width="10" height="10">' +
  '<img id="set" src="data:image/png;base64,' +
  PIXEL_PNG.toString('base64') +
  '" srcset="http://remote.test/set.png 1x">' +
  '<div class="hero"></div>';

async function frameImage(id: string): Promise<{ src: string | null; naturalWidth: number } | null> {
  return session.page.evaluate((imageId) => {
    const img = document.querySelector('iframe')?.contentDocument?.getElementById(imageId) as HTMLImageElement | null | undefined;
    return img ? { src: img.getAttribute('src'), naturalWidth: img.naturalWidth } : null;
  }, id);
}

async function waitForRemote(path: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!session.remote.requests.includes(path)) {
    if (Date.now() > deadline) throw new Error(`the remote host never received ${path}; it got: ${session.remote.requests.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('blocks remote images until "Show images", then loads them', async () => {
  const blocked = await session.observe(() => session.render({ html: NEWSLETTER, senderEmail: 'news@remote.test' }), 200);
  expect(blocked.result.info).toMatchObject({ kind: 'html', blockedRemote: 3 });
  expect(blocked.counters.remoteRequests + blocked.counters.remoteConnections).toBe(0);
  expect(await frameImage('pic')).toEqual({ src: null, naturalWidth: 0 });
  const bar = session.page.locator('.msg-remote-bar');
  await expect.poll(() => bar.textContent()).toContain('Images are hidden to protect your privacy');

  const shown = await session.observe(async () => {
    await session.page.click('.msg-remote-show');
    await session.page.waitForFunction(() => window.__harness.renders().length >= 2);
    await waitForRemote('/pic.png');
    await waitForRemote('/hero.png');
    await waitForRemote('/set.png');
  }, 100);
  expect(shown.counters.remoteRequests).toBeGreaterThanOrEqual(3);
  expect(shown.counters.cspBlocked).toBe(0);
  expect(shown.counters.canary + shown.counters.scriptBlocked).toBe(0);
  await expect.poll(() => frameImage('pic')).toEqual({ src: 'http://remote.test/pic.png', naturalWidth: 1 });
  expect(await bar.count()).toBe(0);
  const renders = await session.page.evaluate(() => window.__harness.renders());
  expect(renders.at(-1)).toMatchObject({ kind: 'html', blockedRemote: 0 });
});

it('"Always for sender" tells the app the sender and loads the images', async () => {
  await session.render({ html: NEWSLETTER, senderEmail: 'news@remote.test' });
  await session.page.click('.msg-remote-always');
  expect(await session.page.evaluate(() => window.__harness.alwaysAllowed())).toEqual(['news@remote.test']);
  await expect.poll(() => frameImage('pic')).toEqual({ src: 'http://remote.test/pic.png', naturalWidth: 1 });
});

it('loads at once, with no bar, for a sender already allowed', async () => {
  const seen = await session.observe(
    () => session.render({ html: NEWSLETTER, senderEmail: 'news@remote.test', remoteAllowed: true, settleMs: 300 }),
    100,
  );
  expect(seen.result.info.blockedRemote).toBe(0);
  expect(seen.result.violations).toEqual([]);
  expect(await session.page.locator('.msg-remote-bar').count()).toBe(0);
  await expect.poll(() => frameImage('pic')).toEqual({ src: 'http://remote.test/pic.png', naturalWidth: 1 });
});

it('shows inline cid: images from blob URLs with remote content blocked', async () => {
  const seen = await session.observe(
    () =>
      session.render({
        html: '<p>Logo:</p><img id="logo" src="cid:logo@example.com"><img id="missing" src="cid:nothing@example.com">',
        cids: { '<logo@example.com>': { type: 'image/png', body: PIXEL_PNG.toString('base64'), base64: true } },
      }),
    100,
  );
  expect(seen.result.info.blockedRemote).toBe(0);
  expect(seen.counters.offOrigin + seen.counters.cspBlocked).toBe(0);
  await expect.poll(() => frameImage('logo')).toMatchObject({ naturalWidth: 1 });
  expect((await frameImage('logo'))?.src).toMatch(/^blob:/);
  expect(await frameImage('missing')).toEqual({ src: null, naturalWidth: 0 });
});

it('sizes the frame to its content, and follows a quote being opened', async () => {
  const tall = await session.render({ html: '<div style="height:1234px">tall</div>' });
  expect(tall.frameHeightPx).toBeGreaterThanOrEqual(1234);
  expect(tall.frameHeightPx).toBeLessThan(1234 + 60);

  const reply = await session.render({ html: '<p>My reply</p><blockquote type="cite"><div style="height:700px">older</div></blockquote>' });
  expect(reply.frameHeightPx).toBeLessThan(200);
  expect(reply.visibleText).toContain('Show quoted text');
  await session.page.evaluate(() => (document.querySelector('iframe')?.contentDocument?.querySelector('summary') as HTMLElement).click());
  await expect
    .poll(() => session.page.evaluate(() => document.querySelector('iframe')?.getBoundingClientRect().height ?? 0))
    .toBeGreaterThan(700);
});

it('folds plain-text quotes behind a toggle', async () => {
  const seen = await session.render({ text: 'Thanks!\n\nOn Monday Ann wrote:\n> one\n> two <b>not bold</b>' });
  expect(seen.info.kind).toBe('text');
  expect(seen.visibleText).toContain('Show quoted text (2 lines)');
  expect(seen.visibleText).not.toContain('one');
  await session.page.click('.msg-quote-toggle');
  await expect.poll(() => session.page.locator('.msg-text-quote').textContent()).toBe('one\ntwo <b>not bold</b>');
});

it('opens a link in a new tab that cannot reach back to the app', async () => {
  await session.render({ html: '<a id="go" href="http://remote.test/landing">Read more</a>' });
  const before = session.popupLog.length;
  await session.page.evaluate(() => (document.querySelector('iframe')?.contentDocument?.getElementById('go') as HTMLElement).click());
  await expect.poll(() => session.popupLog.length).toBe(before + 1);
  expect(session.popupLog.at(-1)).toEqual({ url: 'http://remote.test/landing', hasOpener: false });
  // The frame itself did not navigate.
  expect(await session.page.evaluate(() => document.querySelector('iframe')?.contentDocument?.getElementById('go')?.textContent)).toBe(
    'Read more',
  );
});
