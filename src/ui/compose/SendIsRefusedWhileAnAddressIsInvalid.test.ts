/**
 * Send is refused in words, before anything is queued, while a recipient field holds
 * something that is not an address (a bad chip, or text typed but not a chip yet) or
 * while there is no recipient at all; the words name what to correct.
 */
import { expect, it } from 'vitest';
import { committed, loadedField, loadedFields, removed, typed } from './recipients.ts';
import { recipientRefusal } from './sendCheck.ts';

const none = loadedFields({ to: [], cc: [], bcc: [] });
const bob = { name: 'Bob', email: 'bob@example.test' };

it('refuses a message with a bad chip, naming it, and sends once it is removed', () => {
  const to = committed(loadedField([bob]), 'carl@example.test, carl at example');
  const fields = { ...none, to };
  expect(recipientRefusal(fields)).toBe('Not sent: “carl at example” is not a valid address. Correct it or remove it, then send again.');
  expect(recipientRefusal({ ...fields, to: removed(to, 2) })).toBeNull();
});

it('refuses what is typed but not a chip yet when it is not an address', () => {
  expect(recipientRefusal({ ...none, cc: typed(loadedField([]), 'bob@') })).toMatch(/“bob@” is not a valid address/);
  expect(recipientRefusal({ ...none, cc: typed(loadedField([]), 'bob@example.test') })).toBeNull();
});

it('names every bad entry, in any field', () => {
  const fields = { to: loadedField([bob]), cc: committed(loadedField([]), 'x'), bcc: loadedField([], ['y@']) };
  expect(recipientRefusal(fields)).toBe('Not sent: “x”, “y@” are not valid addresses. Correct or remove them, then send again.');
});

it('refuses a message with no recipient at all', () => {
  expect(recipientRefusal(none)).toBe('Not sent: add at least one recipient (To, Cc or Bcc), then send again.');
  expect(recipientRefusal({ ...none, bcc: loadedField([bob]) })).toBeNull();
});
