/**
 * Issue 14: a reply sets $answered and a forward $forwarded on the original once the
 * message is SENT (not when queued), exactly once, through the outbox; a forward carries
 * the original's attachment by its blob id (nothing uploaded again), or the original
 * itself as message/rfc822. Both backends.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { backend, connectAs, countingFetch, importMessage } from '../../testing/backends/connect.ts';
import { roles as rolesOf } from '../../testing/roles.ts';
import { waitFor } from '../../testing/wait.ts';
import { aliceToBob, byMessageId, identityId, signedInMirror, type Signed } from '../../testing/mirror/outbox.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import type { DraftContent } from './intents.ts';
import { readEmails } from './reads.ts';
import { items } from './tables.ts';

let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
  flusher = undefined;
});

const ATTACHMENT = Buffer.from('%PDF-1.4 the quarterly report, byte for byte\n'.repeat(40));

/** A message from carol (with Reply-To and an attachment) in alice's Inbox. */
async function original(marker: string) {
  const alice = await connectAs('alice');
  const inbox = (await rolesOf(alice)).inbox!;
  const b = backend();
  const raw = [
    'From: Carol <carol@example.net>',
    'Reply-To: Team <team@example.net>',
    `To: Alice <${b.users.alice.email}>`,
    `Subject: ${marker}`,
    `Message-ID: <${marker}@example.net>`,
    'References: <first@example.net>',
    'Date: Tue, 01 Dec 2026 06:58:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The report is attached.',
    '--b1',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    ATTACHMENT.toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1--',
    '',
  ].join('\r\n');
  const { id } = await importMessage(alice, inbox, raw);
  const got = (await alice.call('Email/get', { ids: [id], properties: ['blobId', 'attachments', 'keywords', 'size'] })).list[0]!;
  return { id, email: got, attachment: got.attachments![0]! };
}

async function keywordsOf(id: string) {
  const alice = await connectAs('alice');
  return (await alice.call('Email/get', { ids: [id], properties: ['keywords'] })).list[0]!.keywords ?? {};
}

const content = (subject: string, extra: Partial<DraftContent>): DraftContent => aliceToBob(subject, 'See below.', extra);

async function drain(s: Signed) {
  flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 90_000);
}

async function received(messageId: string) {
  return waitFor(`bob to receive ${messageId}`, async () => ((await byMessageId('bob', messageId)).length ? true : undefined), 60_000);
}

it('a reply marks the original $answered once sent, not while it waits in the outbox', async () => {
  const marker = `answered-${randomUUID().slice(0, 8)}`;
  const { id } = await original(marker);
  const s = await signedInMirror();
  const identity = await identityId(s.client);
  await enqueue(s.mirror.db, s.accountId, {
    kind: 'send',
    draftId: marker,
    identityId: identity,
    holdMs: 0,
    content: content(`Re: ${marker}`, { answers: { emailId: id, keyword: '$answered' } }),
  });
  // Queued, not sent: neither the server nor the screen shows it answered.
  expect((await keywordsOf(id)).$answered).toBeUndefined();
  expect((await readEmails(s.mirror.db, s.accountId, [id]))[0]!.keywords.$answered).toBeUndefined();
  const [queued] = await items(s.mirror.db).toArray();
  await drain(s);
  await received(queued!.messageId!);
  expect((await keywordsOf(id)).$answered).toBe(true);
  // Once: nothing more waits (the keyword went as one intent, done).
  expect(await items(s.mirror.db).count()).toBe(0);
}, 180_000);

it('a forward carries the original’s attachment by blob id, uploads nothing, and marks it $forwarded', async () => {
  const marker = `forwarded-${randomUUID().slice(0, 8)}`;
  const { id, email, attachment } = await original(marker);
  const counting = countingFetch();
  const s = await signedInMirror(counting.fetch);
  const identity = await identityId(s.client);
  const inline = { blobId: attachment.blobId!, name: attachment.name ?? 'report.pdf', type: attachment.type!, size: attachment.size! };
  const whole = { blobId: email.blobId!, name: `${marker}.eml`, type: 'message/rfc822', size: email.size! };
  for (const [n, attached] of [inline, whole].entries())
    await enqueue(s.mirror.db, s.accountId, {
      kind: 'send',
      draftId: `${marker}-${n}`,
      identityId: identity,
      holdMs: 0,
      content: content(`Fwd: ${marker} #${n}`, { attachments: [attached], answers: { emailId: id, keyword: '$forwarded' } }),
    });
  const messageIds = (await items(s.mirror.db).toArray()).sort((a, b) => a.createdAt - b.createdAt).map((i) => i.messageId!);
  const uploadBase = s.client.session.uploadUrl.split('{')[0]!;
  await drain(s);
  expect(counting.calls.filter((c) => c.url.startsWith(uploadBase))).toEqual([]);
  expect((await keywordsOf(id)).$forwarded).toBe(true);

  const bob = await connectAs('bob');
  for (const messageId of messageIds) await received(messageId);
  const [first, second] = await Promise.all(
    messageIds.map(async (m) => {
      const [got] = await byMessageId('bob', m);
      return (await bob.call('Email/get', { ids: [got!.id], properties: ['attachments'] })).list[0]!.attachments!;
    }),
  );
  expect(first!.map((a) => [a.name, a.type])).toEqual([['report.pdf', 'application/pdf']]);
  const bytes = Buffer.from(await (await bob.download(first![0]!.blobId!, { type: 'application/octet-stream' })).arrayBuffer());
  expect(bytes.equals(ATTACHMENT)).toBe(true);
  expect(second!.map((a) => a.type)).toEqual(['message/rfc822']);
}, 180_000);
