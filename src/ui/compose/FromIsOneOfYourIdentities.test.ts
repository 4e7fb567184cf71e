import { expect, it } from 'vitest';
import type { Identity } from '../../jmap/index.ts';
import { fromAddress, fromWords, pickIdentity, swapSignature, withSignature } from './from.ts';

const identity = (id: string, email: string, textSignature = ''): Identity => ({
  id,
  name: id,
  email,
  replyTo: null,
  bcc: null,
  textSignature,
  htmlSignature: '',
  mayDelete: true,
});
const home = identity('home', 'alice@example.test', 'Alice');
const work = identity('work', 'alice@work.example', 'Alice Example, ACME');

it('a reply sends from the identity the original was addressed to (To or Cc), else the first', () => {
  expect(pickIdentity([home, work], [{ name: null, email: 'Alice@Work.example' }])).toBe(work);
  expect(pickIdentity([home, work], [{ name: null, email: 'bob@example.test' }])).toBe(home);
  expect(pickIdentity([], [])).toBeUndefined();
});

it('an identity without an address takes the sign-in name when it is one, else what the person gave, else asks', () => {
  const cyrus = identity('alice', '');
  expect(fromAddress(home, 'alice', null)).toEqual({ email: 'alice@example.test', source: 'identity' });
  expect(fromAddress(cyrus, 'alice@example.test', null)).toEqual({ email: 'alice@example.test', source: 'username' });
  expect(fromAddress(cyrus, 'alice', 'alice@example.test')).toEqual({ email: 'alice@example.test', source: 'given' });
  expect(fromAddress(cyrus, 'alice', null)).toEqual({ email: '', source: 'ask' });
  expect(fromWords(fromAddress(cyrus, 'alice@example.test', null), 'alice@example.test')).toMatch(/sign-in name, alice@example.test/);
  expect(fromWords(fromAddress(cyrus, 'alice', null), 'alice')).toMatch(/Type the address you send from/);
  expect(fromWords(fromAddress(home, 'alice', null), 'alice')).toBeNull();
});

it('the signature goes above a quote, at the end of a new message', () => {
  expect(withSignature('\n\nOn 1 Dec 2026, Ann wrote:\n> hi', 'Alice')).toBe('\n\n-- \nAlice\n\nOn 1 Dec 2026, Ann wrote:\n> hi');
  expect(withSignature('', 'Alice')).toBe('\n\n-- \nAlice');
  expect(withSignature('Hello', '')).toBe('Hello');
});

it('switching From swaps an untouched signature, and leaves one the person changed', () => {
  const signed = withSignature('\n\nOn 1 Dec 2026, Ann wrote:\n> hi', home.textSignature);
  expect(swapSignature(`Dear Ann,${signed}`, home.textSignature, work.textSignature)).toBe(
    'Dear Ann,\n\n-- \nAlice Example, ACME\n\nOn 1 Dec 2026, Ann wrote:\n> hi',
  );
  expect(swapSignature(signed.replace('Alice', 'Al'), home.textSignature, work.textSignature)).toBeNull();
  expect(swapSignature('Hi', '', work.textSignature)).toBe('Hi\n\n-- \nAlice Example, ACME');
  expect(swapSignature('Hi\n\n-- \nAlice', 'Alice', '')).toBe('Hi');
});
