/**
 * A search of filters alone asks the device's index for the people's words (`from:carol`
 * reads its candidates, then filters them exactly), never every message of the account;
 * only filters the index cannot narrow leave it nothing to ask.
 */
import { expect, it } from 'vitest';
import { indexWords, parseSearch } from './query.ts';

it('asks the index for the words and the people of a query', () => {
  expect(indexWords(parseSearch('from:carol is:unread'))).toBe('carol');
  expect(indexWords(parseSearch('to:"Bob Smith" has:attachment'))).toBe('Bob Smith');
  expect(indexWords(parseSearch('budget from:ann@example.net'))).toBe('budget ann@example.net');
  expect(indexWords(parseSearch('is:unread in:Archive after:2026-01-01'))).toBe('');
});
