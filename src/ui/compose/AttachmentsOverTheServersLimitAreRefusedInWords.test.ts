/**
 * Issue 14: a file over the session's maxSizeUpload is refused when it is attached, in
 * words that name it and the limit, before anything is kept or uploaded (it used to fail
 * at send, in the outbox). Unknown limit (never online): nothing refused here.
 */
import { expect, it } from 'vitest';
import { tooLarge } from './uploadLimit.ts';

const MB = 1024 * 1024;

it('names the file over the limit and the limit', () => {
  expect(
    tooLarge(
      [
        { name: 'film.mov', size: 30 * MB },
        { name: 'notes.txt', size: 2000 },
      ],
      20 * MB,
    ),
  ).toBe('“film.mov” (30.0 MB) is larger than this server takes (20.0 MB per file), so it was not attached.');
});

it('names every file over the limit', () => {
  expect(
    tooLarge(
      [
        { name: 'a.iso', size: 21 * MB },
        { name: 'b.iso', size: 40 * MB },
      ],
      20 * MB,
    ),
  ).toBe('“a.iso” (21.0 MB), “b.iso” (40.0 MB) are larger than this server takes (20.0 MB per file), so they were not attached.');
});

it('refuses nothing that fits, or when the limit is not known', () => {
  expect(tooLarge([{ name: 'fits.pdf', size: 20 * MB }], 20 * MB)).toBeNull();
  expect(tooLarge([{ name: 'big.iso', size: 900 * MB }], null)).toBeNull();
});
