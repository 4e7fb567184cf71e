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

it('keeps a long file name\'s extension visible', () => {
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
