/**
 * A message written with formatting goes out as multipart/alternative: the HTML and,
 * beside it, the plain text the composer made of it, so a reader without HTML (or one
 * that prefers plain text) reads the same words. The structure comes from JMAP's
 * textBody + htmlBody on Email/set (RFC 8621 §4.6); this proves the servers build it.
 * Both backends; bob's raw copy is read.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { connectAs } from '../../testing/backends/connect.ts';
import { aliceToBob, byMessageId, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { items } from './tables.ts';

let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
  flusher = undefined;
});

it('sends formatted text with its plain-text alternative', async () => {
  const marker = `alternative-${randomUUID().slice(0, 8)}`;
  const s = await signedInMirror();
  await enqueue(s.mirror.db, s.accountId, {
    kind: 'send',
    draftId: marker,
    identityId: await identityId(s.client),
    holdMs: 0,
    content: aliceToBob(marker, 'The plan is *ready*.', { htmlBody: '<p>The plan is <b>ready</b>.</p>' }),
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
  const email = (await bob.call('Email/get', { ids: [got!.id], properties: ['blobId', 'bodyStructure'] })).list[0]!;
  const raw = await (await bob.download(email.blobId!)).text();
  expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
  const parts = (email.bodyStructure as { type: string; subParts?: { type: string }[] }).subParts?.map((p) => p.type);
  expect(email.bodyStructure && (email.bodyStructure as { type: string }).type).toBe('multipart/alternative');
  expect(parts).toEqual(['text/plain', 'text/html']);
  expect(raw).toContain('The plan is *ready*.');
  expect(raw).toContain('<b>ready</b>');
}, 180_000);
