/**
 * The download URL no longer carries an attachment's name (src/jmap/blobs.ts), so the app
 * names the saved file itself: with the name it shows, not with the raw header text.
 */
import { expect, it } from 'vitest';
import { saveFileName } from './displayText.ts';

it('keeps ordinary and non-ASCII names as they are', () => {
  expect(saveFileName('Quarterly report 2024.pdf')).toBe('Quarterly report 2024.pdf');
  expect(saveFileName('résumé 文件.docx')).toBe('résumé 文件.docx');
});

it('drops what could fake a header, a type or a folder', () => {
  expect(saveFileName('report.pdf\r\nSet-Cookie: sid=evil')).toBe('report.pdf Set-Cookie_ sid=evil');
  expect(saveFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  expect(saveFileName('../../etc/passwd')).toBe('_.._etc_passwd');
  expect(saveFileName('a\\b/c:d*e?f"g<h>i|j.txt')).toBe('a_b_c_d_e_f_g_h_i_j.txt');
  expect(saveFileName('.bashrc')).toBe('bashrc');
});

it('keeps the extension of a 10 KB name and never saves an empty name', () => {
  const saved = saveFileName('a'.repeat(10 * 1024) + '.pdf');
  expect(saved.endsWith('….pdf')).toBe(true);
  expect(saved.length).toBeLessThan(140);
  expect(saveFileName('')).toBe('attachment');
  expect(saveFileName(undefined)).toBe('attachment');
  expect(saveFileName(' \u0000\u202E ')).toBe('attachment');
  expect(saveFileName('...')).toBe('attachment');
});
