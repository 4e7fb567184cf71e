import { expect, it } from 'vitest';
import { displayText, splitFileName } from './displayText.ts';

it('removes bidi overrides that disguise a file type', () => {
  expect(displayText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  expect(splitFileName('invoice\u202Efdp.exe')).toEqual({ stem: 'invoicefdp', extension: '.exe' });
});

it('turns control characters and line breaks into single spaces', () => {
  expect(displayText('Hello\r\nBcc: everyone\u0000\tthere')).toBe('Hello Bcc: everyone there');
});

it('cuts a 1 MB header line quickly, without splitting a surrogate pair', () => {
  const huge = '😀'.repeat(500_000);
  const started = performance.now();
  const shown = displayText(huge, 11);
  expect(performance.now() - started).toBeLessThan(200);
  expect(shown).toBe('😀'.repeat(5) + '…');
});

it('keeps markup as plain characters (React renders it as text)', () => {
  expect(displayText('<img src=x onerror=top.__xss(1)>')).toBe('<img src=x onerror=top.__xss(1)>');
  expect(displayText(null)).toBe('');
});

it("keeps a long file name's extension visible", () => {
  const { stem, extension } = splitFileName('a'.repeat(500) + '.pdf.exe');
  expect(extension).toBe('.exe');
  expect(stem.length).toBeLessThanOrEqual(121);
  expect(splitFileName('README')).toEqual({ stem: 'README', extension: '' });
  expect(splitFileName('.bashrc')).toEqual({ stem: '.bashrc', extension: '' });
});

it('keeps the extension of a 1 MB file name', () => {
  const { stem, extension } = splitFileName('x'.repeat(1_000_000) + '.pdf');
  expect(extension).toBe('.pdf');
  expect(stem.endsWith('…')).toBe(true);
});

// Every invisible character that reorders or hides text, in a name and in a file name.
const INVISIBLE = [
  ...['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'],
  ...['\u00ad', '\u180e', '\u200b', '\u200c', '\u200d', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\ufeff'],
];

it.each(INVISIBLE.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, c]))(
  'removes %s from names and file names',
  (_, c) => {
    expect(displayText(`Pay${c}Pal${c} Support`)).toBe('PayPal Support');
    expect(splitFileName(`invoice${c}.pdf${c}.exe`)).toEqual({ stem: 'invoice.pdf', extension: '.exe' });
  },
);
