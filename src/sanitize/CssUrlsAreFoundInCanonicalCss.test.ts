import { expect, it } from 'vitest';
import { escapeCssForHtml, extractCssUrls, isUncanonicalValue, rawValueMayLoad, replaceCssUrls, serializeCssString } from './cssUrls.ts';

it('finds every url("...") with its escapes decoded', () => {
  const css = 'image-set(url("http://r.test/a.png") 1x, URL("b\\"c\\\\d.png") 2x)';
  expect(extractCssUrls(css).map((u) => u.url)).toEqual(['http://r.test/a.png', 'b"c\\d.png']);
  expect(extractCssUrls('url("\\6a avascript:x")')[0]?.url).toBe('javascript:x');
});

it('replaces URLs, or refuses the whole value when one is refused', () => {
  const value = 'url("cid:a") no-repeat, url("data:image/png;base64,AA")';
  expect(replaceCssUrls(value, (u) => (u === 'cid:a' ? 'blob:http://app/1' : u))).toBe(
    'url("blob:http://app/1") no-repeat, url("data:image/png;base64,AA")',
  );
  const seen: string[] = [];
  expect(replaceCssUrls('url("http://r.test/1"), url("http://r.test/2")', (u) => (seen.push(u), null))).toBeNull();
  expect(seen).toEqual(['http://r.test/1', 'http://r.test/2']);
  expect(replaceCssUrls('red', () => null)).toBe('red');
});

it('serializes strings so they read back unchanged and never contain a raw <', () => {
  const tricky = 'a"b\\c\n</style><script>';
  const serialized = serializeCssString(tricky);
  expect(serialized).not.toContain('<');
  expect(extractCssUrls(`url(${serialized})`)[0]?.url).toBe(tricky);
});

it('treats custom properties and var()/attr() values as raw, and spots loads in them', () => {
  expect(isUncanonicalValue('--brand', '#f00')).toBe(true);
  expect(isUncanonicalValue('color', 'var(--brand)')).toBe(true);
  expect(isUncanonicalValue('color', 'red')).toBe(false);
  expect(rawValueMayLoad('#f00')).toBe(false);
  expect(rawValueMayLoad('\\75 rl(http://r.test/x)')).toBe(true);
  expect(rawValueMayLoad('URL( http://r.test/x )')).toBe(true);
  expect(rawValueMayLoad('-webkit-image-set("x" 1x)')).toBe(true);
});

it('escapes < so a sheet can never close its <style> element', () => {
  expect(escapeCssForHtml('a[title="</style><img>"] {}')).toBe('a[title="\\3c /style>\\3c img>"] {}');
});
