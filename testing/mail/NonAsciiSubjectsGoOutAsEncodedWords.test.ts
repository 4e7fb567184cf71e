/**
 * The test message's headers are 7-bit: a non-ASCII Subject goes out as RFC 2047 encoded
 * words (Cyrus 3.6 turns raw 8-bit header bytes into "X"), and reads back as written.
 */
import PostalMime from 'postal-mime';
import { expect, it } from 'vitest';
import { rawMessage } from './rawMessage.ts';

it('encodes a non-ASCII subject and leaves an ASCII one as it is', async () => {
  const subject = 'Grüße aus Kyōto — こんにちは, a subject long enough to need more than one encoded word';
  const raw = rawMessage({ from: 'a@example.net', to: 'b@example.net', subject, messageId: 'x@example.net', body: 'Hallo' });
  const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
  // eslint-disable-next-line no-control-regex
  expect(headers).toMatch(/^[\x00-\x7f]*$/);
  expect(headers).toContain('=?UTF-8?B?');
  expect((await PostalMime.parse(raw)).subject).toBe(subject);

  const plain = rawMessage({ from: 'a@example.net', to: 'b@example.net', subject: 'Plain words', messageId: 'y@example.net' });
  expect(plain).toContain('\r\nSubject: Plain words\r\n');
});
