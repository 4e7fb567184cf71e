/**
 * Each attachment's upload is told as it goes (uploads.ts, on its bytes' row, what the
 * composer shows): uploading, then uploaded; an upload the network cut says so in words
 * with the file's name, the message stays in the outbox and the bytes on the device, and
 * the next try uploads it: bob gets the file byte for byte. Real Cyrus and the demo server.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { FetchLike } from '../jmap/index.ts';
import { connectAs } from '../../testing/backends/connect.ts';
import { aliceToBob, byMessageId, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { putOutgoingBlob } from './send.ts';
import { items } from './tables.ts';
import { readUploads, type UploadStatus } from './uploads.ts';

let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
  flusher = undefined;
});

it('says in words when an upload fails, keeps the file, and sends it on the next try', async () => {
  const marker = `upload-${randomUUID().slice(0, 8)}`;
  let cut = true;
  let uploadUrl = '';
  const seen: UploadStatus['state'][] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    if (uploadUrl && String(url).startsWith(uploadUrl) && cut) {
      cut = false;
      throw new TypeError('Failed to fetch');
    }
    return fetch(url, init);
  };
  const s = await signedInMirror(fetchImpl);
  uploadUrl = s.client.session.uploadUrl.split('{')[0]!;
  const bytes = new Uint8Array(64 * 1024).map((_, i) => (i * 7) % 256);
  const id = await putOutgoingBlob(s.mirror.db, new Blob([bytes]), { accountId: s.accountId, name: 'plan.pdf', type: 'application/pdf' });
  expect((await readUploads(s.mirror.db, [id]))[id]).toEqual({ state: 'waiting' });
  await enqueue(s.mirror.db, s.accountId, {
    kind: 'send',
    draftId: marker,
    identityId: await identityId(s.client),
    holdMs: 0,
    content: aliceToBob(marker, 'The plan.', {
      attachments: [{ outgoingBlobId: id, name: 'plan.pdf', type: 'application/pdf', size: bytes.byteLength }],
    }),
  });
  const [queued] = await items(s.mirror.db).toArray();
  // Every state the row goes through, as a live reader would see it.
  const watch = (mods: object, _key: unknown, row: object) => {
    const next = { ...row, ...mods } as Record<string, unknown>;
    seen.push(next.uploadingSince ? 'uploading' : next.uploadError ? 'failed' : next.uploadedAt ? 'uploaded' : 'waiting');
  };
  s.mirror.db.outgoingBlobs.hook('updating', watch);
  flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  const failed = await waitFor(
    'the upload to fail',
    async () => {
      const status = (await readUploads(s.mirror.db, [id]))[id]!;
      return status.state === 'failed' ? status : undefined;
    },
    30_000,
  );
  expect(failed.words).toMatch(
    /^“plan\.pdf” could not be uploaded \(.+\)\. It is kept on this device and uploaded again with the next try\.$/,
  );
  // Nothing lost: the message waits, the bytes are here.
  expect(await items(s.mirror.db).count()).toBe(1);
  expect((await s.mirror.db.outgoingBlobs.get(id))?.bytes).toEqual(bytes);

  flusher.wake(true);
  await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 90_000);
  s.mirror.db.outgoingBlobs.hook('updating').unsubscribe(watch);
  // (Consecutive writes of one state are one state to the reader: the landed blob's id is written too.)
  expect(seen.filter((st, i) => st !== seen[i - 1])).toEqual(['uploading', 'failed', 'uploading', 'uploaded']);
  const [got] = await waitFor(
    'bob to receive it',
    async () => {
      const found = await byMessageId('bob', queued!.messageId!);
      return found.length ? found : undefined;
    },
    60_000,
  );
  const bob = await connectAs('bob');
  const email = (await bob.call('Email/get', { ids: [got!.id], properties: ['attachments'] })).list[0]!;
  const file = email.attachments!.find((a) => a.name === 'plan.pdf')!;
  expect(new Uint8Array(await (await bob.download(file.blobId!)).arrayBuffer())).toEqual(bytes);
}, 180_000);
