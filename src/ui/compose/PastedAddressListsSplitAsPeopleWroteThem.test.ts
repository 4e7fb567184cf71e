/**
 * A pasted or typed list becomes one chip per recipient, in the order written: commas
 * inside quoted names stay in the name, group members are recipients, angle forms keep
 * their name, and anything that is not an address becomes ONE bad chip of the entry as
 * written (never a guess at part of it). Typing ends an entry only at a `,` or `;`
 * outside quotes, so "Doe, J" is not cut while it is being typed.
 */
import { describe, expect, it } from 'vitest';
import { chipsOf, formatAddresses, nameForText } from './addresses.ts';
import { committed, fieldRecipients, loadedField, reopened, typed, type RecipientField } from './recipients.ts';

const empty = loadedField([]);

describe('a paste', () => {
  it('splits at commas and semicolons, not inside quoted names', () => {
    expect(chipsOf('A <a@x.org>, "Doe, J" <j@y.org>; c@z.org')).toEqual([
      { name: 'A', email: 'a@x.org' },
      { name: 'Doe, J', email: 'j@y.org' },
      { name: null, email: 'c@z.org' },
    ]);
  });

  it('keeps escaped quotes and semicolons inside the name', () => {
    expect(chipsOf('"Smith \\"The Boss\\"; CEO" <boss@x.org>, b@y.org')).toEqual([
      { name: 'Smith "The Boss"; CEO', email: 'boss@x.org' },
      { name: null, email: 'b@y.org' },
    ]);
  });

  it('takes group members as recipients, in place', () => {
    expect(chipsOf('first@x.org, Team: a@x.org, "B, Jr" <b@x.org>;, last@x.org')).toEqual([
      { name: null, email: 'first@x.org' },
      { name: null, email: 'a@x.org' },
      { name: 'B, Jr', email: 'b@x.org' },
      { name: null, email: 'last@x.org' },
    ]);
    expect(chipsOf('undisclosed-recipients:;')).toEqual([]);
  });

  it('reads angle forms with and without a name, and comments', () => {
    expect(chipsOf('<a@x.org>, Ann Lee <ann@x.org> (work)\nbob@y.org')).toEqual([
      { name: null, email: 'a@x.org' },
      { name: 'Ann Lee', email: 'ann@x.org' },
      { name: null, email: 'bob@y.org' },
    ]);
  });

  it('makes garbage one bad chip each, where it was written, and keeps the rest', () => {
    expect(chipsOf('a@x.org, not an address, Ann <ann@x.org> bob@y.org; b@x.org, bob@localhost')).toEqual([
      { name: null, email: 'a@x.org' },
      { bad: 'not an address' },
      { bad: 'Ann <ann@x.org> bob@y.org' },
      { name: null, email: 'b@x.org' },
      { bad: 'bob@localhost' },
    ]);
  });

  it('reads back any list formatAddresses wrote, hostile names included, as the same chips', () => {
    const names = ['attacker@evil.test; Support', 'x" <attacker@evil.test>, "y', 'Team: attacker@evil.test;', '(a@evil.test)', 'C:\\x\\'];
    const written = names.map((name, i) => ({ name: nameForText(name), email: `r${i}@example.test` }));
    expect(chipsOf(formatAddresses(written))).toEqual(written);
  });

  it('into a field adds to its chips, once per address', () => {
    const field = committed(loadedField([{ name: 'A', email: 'a@x.org' }]), 'A@X.org, c@z.org, oops');
    expect(field.chips).toEqual([{ name: 'A', email: 'a@x.org' }, { name: null, email: 'c@z.org' }, { bad: 'oops' }]);
    expect(fieldRecipients(field)).toEqual({
      list: [
        { name: 'A', email: 'a@x.org' },
        { name: null, email: 'c@z.org' },
      ],
      bad: ['oops'],
    });
  });
});

describe('typing', () => {
  const typeKeys = (keys: string, field: RecipientField = empty) => {
    let f = field;
    for (const k of keys) f = typed(f, f.text + k);
    return f;
  };

  it('makes a chip at each comma or semicolon outside quotes, and leaves the rest to type', () => {
    const f = typeKeys('"Doe, J" <j@y.org>, ann@x.org; bo');
    expect(f.chips).toEqual([
      { name: 'Doe, J', email: 'j@y.org' },
      { name: null, email: 'ann@x.org' },
    ]);
    expect(f.text).toBe('bo');
    expect(typeKeys('"Doe, J').chips).toEqual([]);
  });

  it('Enter, Tab or leaving makes the rest a chip, bad or not', () => {
    expect(committed(typeKeys('bob@y.org')).chips).toEqual([{ name: null, email: 'bob@y.org' }]);
    expect(committed(typeKeys('bob')).chips).toEqual([{ bad: 'bob' }]);
    expect(committed(typeKeys('bob')).text).toBe('');
  });

  it('a chip opened to edit is text that reads back as the same chip', () => {
    const f = committed(empty, '"Smith, Carl" <carl@z.org>, x@y.org');
    const open = reopened(f, 0);
    expect(open.chips).toEqual([{ name: null, email: 'x@y.org' }]);
    expect(committed(open).chips).toEqual([
      { name: null, email: 'x@y.org' },
      { name: 'Smith, Carl', email: 'carl@z.org' },
    ]);
    expect(reopened(committed(empty, 'garbage'), 0).text).toBe('garbage');
  });
});
