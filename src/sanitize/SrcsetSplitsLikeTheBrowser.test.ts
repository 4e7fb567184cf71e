import { expect, it } from 'vitest';
import { parseSrcset, serializeSrcset } from './srcset.ts';

it('splits candidates with descriptors', () => {
  expect(parseSrcset('a.png 1x, http://r.test/b.png 2x,c.png 640w')).toEqual([
    { url: 'a.png', descriptor: '1x' },
    { url: 'http://r.test/b.png', descriptor: '2x' },
    { url: 'c.png', descriptor: '640w' },
  ]);
});

it('keeps commas inside a data: URL and strips a trailing comma', () => {
  expect(parseSrcset('data:image/png;base64,AAA=, x.png,')).toEqual([
    { url: 'data:image/png;base64,AAA=', descriptor: '' },
    { url: 'x.png', descriptor: '' },
  ]);
});

it('does not end a descriptor at a comma inside parentheses', () => {
  expect(parseSrcset('a.png (x, y) 2x, b.png')).toEqual([
    { url: 'a.png', descriptor: '(x, y) 2x' },
    { url: 'b.png', descriptor: '' },
  ]);
});

it('serializes back to a list the browser reads the same way', () => {
  const candidates = parseSrcset('  a.png   1x ,b.png');
  expect(parseSrcset(serializeSrcset(candidates))).toEqual(candidates);
  expect(parseSrcset('')).toEqual([]);
  expect(parseSrcset(' , ,')).toEqual([]);
});
