import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AddressText } from '../message/HeaderText.tsx';
import { who } from './format.ts';

const REAL = 'x@evil.test';
const header = (name: string) => renderToStaticMarkup(<AddressText name={name} email={REAL} />);

describe('the list row and the message header show the real address for the same names', () => {
  it.each([
    'support@paypal.com',
    'support＠paypal.com',
    'support﹫paypal.com',
    'support\u200b@paypal.com',
    'PayPal.com Support',
    'attacker@evil.example; Support',
  ])('%s', (name) => {
    // First in the row, so an ellipsis cannot cut it off.
    expect(who([{ name, email: REAL }]).startsWith(`${REAL} (`)).toBe(true);
    expect(header(name)).toContain(`(${REAL})`);
  });

  it.each(['Ann Example', 'J.R.R. Tolkien', 'Smith, John'])('an ordinary name shows alone: %s', (name) => {
    expect(who([{ name, email: REAL }])).toBe(name);
    expect(header(name)).not.toContain(`(${REAL})`);
  });

  it('a name that is the address shows the address once', () => {
    expect(who([{ name: 'X@Evil.Test', email: REAL }])).toBe(REAL);
    expect(header('X@Evil.Test').split(REAL).length - 1).toBe(1);
    expect(header('X@Evil.Test')).not.toContain('Evil.Test');
  });
});
