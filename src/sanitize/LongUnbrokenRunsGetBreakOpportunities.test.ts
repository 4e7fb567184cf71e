import { expect, it } from 'vitest';
import { splitLongRuns } from './longRuns.ts';

it('leaves ordinary text as one piece', () => {
  expect(splitLongRuns('Hello there, a normal sentence.', 10)).toEqual(['Hello there, a normal sentence.']);
});

it('cuts runs longer than the limit, and only those', () => {
  expect(splitLongRuns('ab ' + 'x'.repeat(25) + ' cd', 10)).toEqual(['ab xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx cd']);
  expect(splitLongRuns('y'.repeat(20), 10)).toEqual(['y'.repeat(10), 'y'.repeat(10)]);
});

it('keeps every character, in order', () => {
  const text = ('word '.repeat(3) + 'z'.repeat(1234) + '\n').repeat(5);
  const pieces = splitLongRuns(text, 200);
  expect(pieces.join('')).toBe(text);
  for (const piece of pieces) expect(/\S{201,}/.test(piece)).toBe(false);
});

it('is fast on a 1 MB unbroken run', () => {
  const started = performance.now();
  expect(splitLongRuns('A'.repeat(1_000_000))).toHaveLength(5_000);
  expect(performance.now() - started).toBeLessThan(1_000);
});
