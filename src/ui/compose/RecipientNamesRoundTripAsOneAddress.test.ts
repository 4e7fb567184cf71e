import { describe, expect, it } from 'vitest';
import { formatAddress, formatAddresses, nameForText, parseAddresses } from './addresses.ts';

const EMAIL = 'real.sender@example.test';

// Every character that means something in an address list, and the look-alikes of "@".
const NAMES: [string, string][] = [
  ['a semicolon and an address', 'attacker@evil.test; Support'],
  ['a comma and an address', 'attacker@evil.test, Support'],
  ['angle brackets with an address', 'Support <attacker@evil.test>'],
  ['a closing bracket first', '> attacker@evil.test <'],
  ['double quotes', 'The "Real" Sender'],
  ['a lone double quote', '"'],
  ['a quote that closes early', 'x" <attacker@evil.test>, "y'],
  ['backslashes', 'C:\\Users\\sender\\'],
  ['a backslash before a quote', 'x\\" <attacker@evil.test>'],
  ['an at sign', 'attacker@evil.test'],
  ['a fullwidth at (U+FF20)', 'attacker＠evil.test'],
  ['a small commercial at (U+FE6B)', 'attacker﹫evil.test'],
  ['a comment', '(attacker@evil.test) Support'],
  ['a group', 'Team: attacker@evil.test;'],
  ['an empty group', 'undisclosed-recipients:;'],
  ['bidi controls', '\u202eattacker@evil.test\u202c \u2067Support\u2069'],
  ['zero-width characters', 'attacker\u200b@\u200devil.test\u2060\ufeff'],
  ['an RFC 2047 encoded word', '=?utf-8?B?YXR0YWNrZXJAZXZpbC50ZXN0?='],
  ['an encoded word with an address inside', '=?utf-8?Q?a_<attacker@evil.test>?='],
  ['a newline', 'Support\nBcc: attacker@evil.test'],
  ['a CRLF and a tab', 'Support\r\n\tattacker@evil.test'],
  ['spaces around', '   Support   '],
  ['non-Latin script', 'Юлия «Петрова», 佐藤'],
];

describe('a name written by formatAddress reads back as exactly one address, unchanged', () => {
  it.each(NAMES)('%s', (_, name) => {
    const { list, bad } = parseAddresses(formatAddress({ name, email: EMAIL }));
    expect(bad).toEqual([]);
    expect(list).toEqual([{ name: nameForText(name) || null, email: EMAIL }]);
  });

  it('the whole class in one field: as many addresses as were written, in order', () => {
    const written = NAMES.map(([, name], i) => ({ name: nameForText(name) || null, email: `r${i}@example.test` }));
    expect(parseAddresses(formatAddresses(written))).toEqual({ list: written, bad: [] });
  });

  it('only line breaks and controls change, to single-line spaces', () => {
    expect(nameForText('Support\r\n\tBcc: x')).toBe('Support Bcc: x');
    expect(nameForText('The "Real" Sender')).toBe('The "Real" Sender');
  });
});

describe('an address that is not a plain addr-spec reads back as one bad entry, never as another address', () => {
  it.each([
    ['brackets and a comma in a quoted local part', '"x>,<attacker@evil.test>"@evil.test'],
    ['a semicolon', 'x;attacker@evil.test'],
    ['spaces', '"a b"@evil.test'],
    ['no address at all', ''],
  ])('%s', (_, email) => {
    for (const name of ['attacker@evil.test', null]) {
      const { list, bad } = parseAddresses(formatAddress({ name, email }));
      expect(list).toEqual([]);
      expect(bad).toHaveLength(1);
    }
  });
});

describe('what a person types', () => {
  it('reads lists separated by commas, semicolons and lines', () => {
    expect(parseAddresses('Ann <ann@x.org>, bob@y.org; "Smith, Carl" <carl@z.org>\r\ndee@w.org').list).toEqual([
      { name: 'Ann', email: 'ann@x.org' },
      { name: null, email: 'bob@y.org' },
      { name: 'Smith, Carl', email: 'carl@z.org' },
      { name: null, email: 'dee@w.org' },
    ]);
  });

  it('keeps a comment after an address as no part of any address', () => {
    expect(parseAddresses('Ann <ann@x.org> (work), bob@y.org')).toEqual({
      list: [
        { name: 'Ann', email: 'ann@x.org' },
        { name: null, email: 'bob@y.org' },
      ],
      bad: [],
    });
  });

  it('takes group members as recipients', () => {
    expect(parseAddresses('Team: a@x.org, "B" <b@x.org>;').list).toEqual([
      { name: null, email: 'a@x.org' },
      { name: 'B', email: 'b@x.org' },
    ]);
  });

  it.each([
    ['a name alone', 'bob'],
    ['no domain dot', 'bob@localhost'],
    ['two at signs', 'a@b@example.test'],
    ['a fullwidth at', 'bob＠example.test'],
    ['a zero-width space in the address', 'bo\u200bb@example.test'],
    ['a bidi control in the address', '<bob@exa\u202emple.test>'],
    ['a comma inside the brackets', '<bob@example.test,eve@evil.test>'],
    ['an address after an address (a missing comma)', 'Ann <ann@x.org> bob@y.org'],
    ['two angle addresses in one entry', 'Ann <ann@x.org> <bob@y.org>'],
  ])('reports %s instead of guessing', (_, text) => {
    // Never silently an address other than the one meant: told, so Send refuses.
    expect(parseAddresses(text).bad.length).toBe(1);
  });
});
