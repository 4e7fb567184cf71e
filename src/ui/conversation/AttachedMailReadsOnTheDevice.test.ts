/**
 * Offline, an attached message is read from its kept bytes on the device (postal-mime):
 * the same headers and HTML body the server's Email/parse gives, and its own attachment's
 * bytes, ready to download.
 */
import { expect, it } from 'vitest';
import { innerMessage } from '../../../testing/mail/attachedMessage.ts';
import { parseOnDevice } from './attachedMessage.ts';

it('reads an attached message and its own attachment from its bytes', async () => {
  const raw = innerMessage({
    from: 'Eve <eve@example.net>',
    to: 'alice@example.com',
    subject: 'Outer',
    messageId: 'outer@test',
    date: new Date('2026-11-30T10:00:00Z'),
    inner: {
      from: 'Carol <carol@example.net>',
      to: 'Dave <dave@example.net>, Team: erin@example.net, fay@example.net;',
      subject: 'Inner subject',
      html: '<p>The inner body.</p>',
      fileName: 'inner-notes.txt',
      fileText: 'Inner notes.',
    },
  });
  const read = await parseOnDevice(new TextEncoder().encode(raw).buffer);
  expect(read.headers).toEqual({
    from: [{ name: 'Carol', email: 'carol@example.net' }],
    to: [
      { name: 'Dave', email: 'dave@example.net' },
      { name: null, email: 'erin@example.net' },
      { name: null, email: 'fay@example.net' },
    ],
    cc: null,
    subject: 'Inner subject',
    dateMs: Date.parse('2026-11-29T10:00:00Z'),
  });
  expect(read.body.htmlBody).toHaveLength(1);
  expect(read.body.bodyValues[read.body.htmlBody[0]!.partId!]!.value).toContain('<p>The inner body.</p>');
  const file = read.body.attachments.find((p) => p.name === 'inner-notes.txt');
  expect(file).toMatchObject({ type: 'text/plain', size: 12 });
  expect(await read.files!.get(file!.blobId!)!.text()).toBe('Inner notes.');
});
