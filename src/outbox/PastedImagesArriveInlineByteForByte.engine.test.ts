/**
 * An image pasted into a message reaches bob inline: its bytes exactly, in a part with the
 * Content-ID the HTML references (`cid:`), disposition inline, inside multipart/related
 * with the HTML, the plain text beside them (bodyParts.ts through Email/set's
 * bodyStructure). The bytes are kept on the device like an attachment's and uploaded by
 * the send (exactly once, as any send); one deleted from the text is neither uploaded nor
 * sent, and its bytes go with the send. Real Cyrus and the demo server; bob's copy is read.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { EmailBodyPart } from '../jmap/index.ts';
import { connectAs } from '../../testing/backends/connect.ts';
import { aliceToBob, byMessageId, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { putOutgoingBlob } from './send.ts';
import { items } from './tables.ts';

let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
  flusher = undefined;
});

const flat = (p: EmailBodyPart): EmailBodyPart[] => [p, ...(p.subParts ?? []).flatMap(flat)];

it('delivers a pasted image inline with its cid, byte for byte, referenced by the HTML', async () => {
  const marker = `inline-${randomUUID().slice(0, 8)}`;
  // Every byte value, so a re-encoding or a text conversion would show.
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i)]);
  let uploads = 0;
  const s = await signedInMirror(async (url, init) => {
    if (/\/upload\//.test(String(url))) uploads++;
    return fetch(url, init);
  });
  const outgoingBlobId = await putOutgoingBlob(s.mirror.db, new Blob([png], { type: 'image/png' }), {
    accountId: s.accountId,
    name: 'pasted.png',
    type: 'image/png',
  });
  // One pasted, then deleted from the text: neither uploaded nor sent, and its bytes go too.
  const goneId = await putOutgoingBlob(s.mirror.db, new Blob([png], { type: 'image/png' }), {
    accountId: s.accountId,
    name: 'deleted.png',
    type: 'image/png',
  });
  const cid = `${randomUUID()}@inline`;
  const html = `<p>Here it is:</p><p><img src="cid:${cid}"></p>`;
  await enqueue(s.mirror.db, s.accountId, {
    kind: 'send',
    draftId: marker,
    identityId: await identityId(s.client),
    holdMs: 0,
    content: aliceToBob(marker, 'Here it is:', {
      htmlBody: html,
      attachments: [
        { outgoingBlobId, name: 'pasted.png', type: 'image/png', size: png.byteLength, cid },
        { outgoingBlobId: goneId, name: 'deleted.png', type: 'image/png', size: png.byteLength, cid: `${randomUUID()}@inline` },
      ],
    }),
  });
  const [queued] = await items(s.mirror.db).toArray();
  flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 90_000);
  const [got] = await waitFor(
    'bob to receive it',
    async () => {
      const found = await byMessageId('bob', queued!.messageId!);
      return found.length ? found : undefined;
    },
    60_000,
  );
  const bob = await connectAs('bob');
  const email = (
    await bob.call('Email/get', {
      ids: [got!.id],
      properties: ['bodyStructure', 'bodyValues', 'htmlBody'],
      fetchHTMLBodyValues: true,
      bodyProperties: ['partId', 'blobId', 'type', 'disposition', 'cid', 'name', 'subParts'],
    })
  ).list[0]!;
  const parts = flat(email.bodyStructure!);
  expect(email.bodyStructure!.type).toBe('multipart/alternative');
  const related = parts.find((p) => p.type === 'multipart/related')!;
  expect(related.subParts!.map((p) => p.type)).toEqual(['text/html', 'image/png']);
  const picture = related.subParts![1]!;
  expect(picture.cid).toBe(cid);
  expect(picture.disposition).toBe('inline');
  const bytes = new Uint8Array(await (await bob.download(picture.blobId!)).arrayBuffer());
  expect(bytes).toEqual(png);
  const htmlPart = related.subParts![0]!;
  expect(email.bodyValues![htmlPart.partId!]!.value).toContain(`src="cid:${cid}"`);
  expect(parts.filter((p) => p.type === 'image/png')).toHaveLength(1);
  expect(uploads).toBe(1);
  // The bytes kept for them are gone once it was sent.
  expect(await s.mirror.db.outgoingBlobs.get(outgoingBlobId)).toBeUndefined();
  expect(await s.mirror.db.outgoingBlobs.get(goneId)).toBeUndefined();
}, 180_000);
