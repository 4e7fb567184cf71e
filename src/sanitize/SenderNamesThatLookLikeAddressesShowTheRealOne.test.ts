import { describe, expect, it } from 'vitest';
import { senderDisplay } from './senderDisplay.ts';

const REAL = 'x@evil.test';

describe('a name that reads as another address or domain gets the real address shown', () => {
  it.each([
    ['an address', 'support@paypal.com'],
    ['an address with text around it', 'PayPal <service@paypal.com>'],
    ['an address with a fullwidth at (U+FF20)', 'support＠paypal.com'],
    ['an address with a small commercial at (U+FE6B)', 'support﹫paypal.com'],
    ['an address written in fullwidth letters', 'ｓｕｐｐｏｒｔ＠ｐａｙｐａｌ．ｃｏｍ'],
    ['an address split by a zero-width space', 'support\u200b@\u200bpaypal.com'],
    ['an address behind a right-to-left override', '\u202emoc.lapyap@troppus'],
    ['an address hidden in word joiners and BOMs', 'support\u2060@\ufeffpaypal.com'],
    ['a domain', 'PayPal.com Support'],
    ['a domain with an ideographic full stop', 'PayPal。com Support'],
    ['a domain in another script (Cyrillic а)', 'pаypal.com'],
    ['the real domain as a prefix of another', 'evil.test.paypal.com'],
    ['the real address with a different domain', 'x@evil.test.example'],
    ['an address-like name that is only almost the real one', 'x@evil.tset'],
  ])('%s', (_, name) => {
    const shown = senderDisplay(name, REAL);
    expect(shown.showAddress).toBe(true);
    expect(shown.address).toBe(REAL);
    expect(shown.name).not.toBe('');
  });
});

describe('a name that tells nothing about where the mail is from shows alone', () => {
  it.each([
    ['an ordinary name', 'Ann Example'],
    ['initials with dots', 'J.R.R. Tolkien'],
    ['a title with a dot', 'Mr. Smith'],
    ['a name in another script', 'Юлия Петрова'],
    ['a name with punctuation', 'Smith, John (Sales); "Team"'],
    ['the real domain', 'evil.test Newsletter'],
  ])('%s', (_, name) => {
    const shown = senderDisplay(name, REAL);
    expect(shown.showAddress).toBe(false);
    expect(shown.name).toBe(name);
  });

  it('a parent of the real domain (mail.paypal.com under "PayPal.com")', () => {
    expect(senderDisplay('PayPal.com', 'service@mail.paypal.com').showAddress).toBe(false);
  });
});

describe('a name that is the real address shows it once', () => {
  it.each([
    ['exactly', REAL],
    ['in capitals', 'X@EVIL.TEST'],
    ['in angle brackets', `<${REAL}>`],
    ['in quotes', `"${REAL}"`],
    ['in fullwidth', 'ｘ＠ｅｖｉｌ．ｔｅｓｔ'],
    ['with a zero-width space', `x\u200b@evil.test`],
  ])('%s', (_, name) => {
    expect(senderDisplay(name, REAL)).toEqual({ name: '', address: REAL, showAddress: false });
  });
});

describe('what is shown is cleaned', () => {
  it('removes bidi and zero-width characters from the name and the address', () => {
    const shown = senderDisplay('Ann\u202e\u200b Example', 'x\u200b@evil\u2066.test');
    expect(shown.name).toBe('Ann Example');
    expect(shown.address).toBe(REAL);
  });

  it('no name: the address alone', () => {
    expect(senderDisplay(null, REAL)).toEqual({ name: '', address: REAL, showAddress: false });
    expect(senderDisplay('\u200b\u202e', REAL)).toEqual({ name: '', address: REAL, showAddress: false });
  });
});
