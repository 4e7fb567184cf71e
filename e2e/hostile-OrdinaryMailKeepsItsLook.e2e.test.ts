/**
 * Safety must not cost an ordinary mail its look: head sheets (also when wrapped in
 * <!-- -->, as old mailers do), body colors, inline styles, tables, data: images,
 * links, and dark mode only for mail that sets no colors of its own.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HostileSession } from '../testing/browser/hostile/session.ts';
import { PIXEL_PNG } from '../testing/browser/hostile/servers.ts';

let session: HostileSession;

beforeAll(async () => {
  session = await HostileSession.start();
});
afterAll(async () => {
  await session?.stop();
});

const MAIL = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Offer</title>
<style type="text/css"><!--
  .headline { color: rgb(200, 0, 0); font-size: 28px }
  @media (max-width: 10px) { .headline { color: rgb(0, 0, 200) } }
--></style></head>
<body bgcolor="#eeeeff" text="#111111">
<table width="300" cellpadding="4"><tr><td><p class="headline" id="h">Spring sale</p>
<p id="inline" style="font-weight: bold; margin: 0 0 8px">Half price</p>
<img id="logo" alt="logo" src="data:image/png;base64,${PIXEL_PNG.toString('base64')}" width="10" height="10">
<a id="link" href="https://shop.example/sale">Shop now</a></td></tr></table>
</body></html>`;

it('keeps sheets, body colors, inline styles, data: images and links', async () => {
  const seen = await session.render({ html: MAIL });
  expect(seen.violations).toEqual([]);
  const look = await session.page.evaluate(() => {
    const doc = document.querySelector('iframe')!.contentDocument!;
    const style = (id: string) => doc.defaultView!.getComputedStyle(doc.getElementById(id)!);
    const root = doc.querySelector('.mail-root')!;
    return {
      headlineColor: style('h').color,
      headlineSize: style('h').fontSize,
      inlineWeight: style('inline').fontWeight,
      rootBackground: doc.defaultView!.getComputedStyle(root).backgroundColor,
      rootColor: doc.defaultView!.getComputedStyle(root).color,
      logoWidth: (doc.getElementById('logo') as HTMLImageElement).naturalWidth,
      link: [doc.getElementById('link')!.getAttribute('href'), doc.getElementById('link')!.getAttribute('target')],
      scheme: doc.documentElement.className,
      title: doc.title,
    };
  });
  expect(look).toEqual({
    headlineColor: 'rgb(200, 0, 0)',
    headlineSize: '28px',
    inlineWeight: '700',
    rootBackground: 'rgb(238, 238, 255)',
    rootColor: 'rgb(17, 17, 17)',
    logoWidth: 1,
    link: ['https://shop.example/sale', '_blank'],
    scheme: 'mail-paper',
    title: '',
  });
});

it('lets a mail without colors follow the dark scheme, and keeps a colored one light', async () => {
  await session.page.emulateMedia({ colorScheme: 'dark' });
  try {
    const background = async (html: string) => {
      await session.render({ html });
      return session.page.evaluate(() => {
        const doc = document.querySelector('iframe')!.contentDocument!;
        return doc.defaultView!.getComputedStyle(doc.documentElement).backgroundColor;
      });
    };
    const plain = await background('<p>Just words.</p>');
    const colored = await background('<p style="color: #333">Dark text, no background.</p>');
    const luminance = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
    expect(luminance(plain)).toBeLessThan(200);
    expect(colored).toBe('rgb(255, 255, 255)');
  } finally {
    await session.page.emulateMedia({ colorScheme: 'light' });
  }
});
