import { expect, it } from 'vitest';
import { decodeBytes } from './charset.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

it('decodes a declared charset the Encoding Standard knows', () => {
  expect(decodeBytes(bytes(0x63, 0x61, 0x66, 0xe9), 'ISO-8859-1')).toEqual({ text: 'café', encoding: 'windows-1252', fellBack: false });
  expect(decodeBytes(bytes(0xc3, 0xa9), '"utf-8"')).toEqual({ text: 'é', encoding: 'utf-8', fellBack: false });
  expect(decodeBytes(bytes(0x82, 0xa0), 'shift_jis').text).toBe('あ');
});

it('falls back to UTF-8 when it fits, then windows-1252, for an unknown charset', () => {
  expect(decodeBytes(bytes(0xc3, 0xa9), 'x-unknown-charset')).toEqual({ text: 'é', encoding: 'utf-8', fellBack: true });
  expect(decodeBytes(bytes(0x80, 0xe9), 'x-unknown-charset')).toEqual({ text: '€é', encoding: 'windows-1252', fellBack: true });
});

it('treats a missing charset as UTF-8 when valid, else windows-1252', () => {
  expect(decodeBytes(bytes(0xe2, 0x82, 0xac))).toEqual({ text: '€', encoding: 'utf-8', fellBack: false });
  expect(decodeBytes(bytes(0xe9, 0x74, 0xe9), null)).toEqual({ text: 'été', encoding: 'windows-1252', fellBack: true });
});

it('does not accept the "replacement" encoding that dangerous labels map to', () => {
  const result = decodeBytes(bytes(0x41, 0x42), 'iso-2022-kr');
  expect(result.text).toBe('AB');
  expect(result.fellBack).toBe(true);
});

it('maps the whole 0x80–0x9F range as windows-1252 does', () => {
  const text = decodeBytes(bytes(0x80, 0x8a, 0x99, 0x9f, 0x81, 0xff), 'x-unknown').text;
  expect(text).toBe('€Š™Ÿ\u0081ÿ');
});
