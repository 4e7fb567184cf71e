/**
 * An attached message (a message/rfc822 part) is read by the server through the host's
 * `parse` request (Email/parse): its headers, its HTML body, and its own attachment,
 * whose blobId downloads through `blob` to the bytes it was sent with. Both backends.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connectAs, createMailbox, importMessage, unique } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { messageWithAttachedMessage } from '../../testing/mail/attachedMessage.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';
import type { HostAnswer, HostRequestKind, ReplyOf, RequestOf } from './requests.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stopAll()));
});

async function asked<K extends HostRequestKind>(host: EngineHost, accountId: string, kind: K, request: RequestOf<K>): Promise<ReplyOf<K>> {
  const answer = (await host.answer({ type: 'ask', accountId, kind, request })) as HostAnswer<K>;
  if (!answer.ok) throw new Error(`${kind}: ${answer.error.kind}: ${answer.error.message}`);
  return answer.reply;
}

it('reads an attached message and downloads its own attachment', async () => {
  const alice = await connectAs('alice');
  const subject = unique('attached');
  const fileText = `Notes inside the attached message ${subject}.`;
  const raw = messageWithAttachedMessage({
    from: 'Eve <eve@example.net>',
    to: 'alice@example.com',
    subject,
    messageId: `${subject}@test`,
    inner: {
      from: 'Carol <carol@example.net>',
      to: 'Dave <dave@example.net>',
      subject: `Inner ${subject}`,
      html: '<p>The inner message body.</p>',
      fileName: 'inner-notes.txt',
      fileText,
    },
  });
  const { id } = await importMessage(alice, await createMailbox(alice), raw);
  const { db, accountId } = await signedInDb();
  const host = new EngineHost({ db, locks: inProcessLocks() });
  hosts.push(host);

  const body = await asked(host, accountId, 'body', { emailId: id, maxBodyValueBytes: 100_000 });
  const part = body.attachments.find((p) => p.type === 'message/rfc822');
  expect(part?.blobId).toBeTruthy();

  const parsed = await asked(host, accountId, 'parse', { blobId: part!.blobId!, maxBodyValueBytes: 100_000 });
  expect(parsed.subject).toBe(`Inner ${subject}`);
  expect(parsed.from?.[0]).toMatchObject({ name: 'Carol', email: 'carol@example.net' });
  expect(parsed.to?.[0]?.email).toBe('dave@example.net');
  expect(parsed.sentAt).toBeTruthy();
  const html = parsed.htmlBody.map((p) => parsed.bodyValues[p.partId ?? '']?.value ?? '').join('');
  expect(html).toContain('The inner message body.');

  const file = parsed.attachments.find((p) => p.name === 'inner-notes.txt');
  expect(file?.blobId).toBeTruthy();
  const bytes = await asked(host, accountId, 'blob', { blobId: file!.blobId!, type: 'text/plain' });
  expect(new TextDecoder().decode(bytes.bytes)).toBe(fileText);
}, 60_000);
