/**
 * Issue 14: one server draft per composition. A draft saved many times (some in bursts,
 * one save's answer lost after the server made it) is ONE draft on the server, the last
 * version; sending it leaves none, and a discarded one leaves none. Every save, the send
 * and the discard destroy the composition's copies found by its Message-ID in the request
 * that makes the next one (send.ts). The fault proxy drops the answer, on either backend.
 * A file attached is uploaded once, not at every save.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { backend, connectAs, countingFetch } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { startFaultyProxy, type FaultyProxy } from '../../testing/faults/proxy.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { putOutgoingBlob } from './send.ts';
import type { DraftContent } from './intents.ts';
import { items } from './tables.ts';
import { byMessageId, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';

let proxy: FaultyProxy | undefined;
let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
  await proxy?.close();
});

/** alice's drafts with this subject, with their text (by folder: a subject search may lag behind Cyrus' index). */
async function draftsNamed(subject: string) {
  const alice = await connectAs('alice');
  const drafts = (await alice.call('Mailbox/get', { ids: null })).list.find((m) => m.role === 'drafts')!.id;
  const q = await alice.call('Email/query', { filter: { inMailbox: drafts } });
  if (!q.ids.length) return [];
  const got = await alice.call('Email/get', {
    ids: q.ids,
    properties: ['keywords', 'subject', 'textBody', 'bodyValues'],
    fetchTextBodyValues: true,
  });
  return got.list
    .filter((e) => e.subject === subject && e.keywords?.$draft)
    .map((e) =>
      Object.values(e.bodyValues ?? {})
        .map((v) => v.value)
        .join('')
        .trimEnd(),
    );
}

it('saves many times with a lost answer: one draft on the server, the last; sent: none', async () => {
  const b = backend();
  proxy = await startFaultyProxy(b.origin);
  const s = await signedInMirror(undefined, proxy.origin);
  const { db } = s.mirror;
  const subject = `one draft ${randomUUID().slice(0, 8)}`;
  const draftMessageId = `${randomUUID()}@${b.users.alice.email.split('@')[1] ?? 'test'}`;
  const content = (text: string): DraftContent => ({
    from: { email: b.users.alice.email },
    to: [{ email: b.users.bob.email }],
    cc: [],
    bcc: [],
    subject,
    textBody: text,
    attachments: [],
    draftMessageId,
  });
  const drained = () => waitFor('the outbox to drain', async () => (await items(db).count()) === 0, 60_000);
  flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: s.sync });
  for (let i = 1; i <= 6; i++) {
    // The fourth save lands on the server but its answer never comes back.
    if (i === 4) proxy.inject({ kind: 'dropAnswer' }, 1, 'Email/set');
    await enqueue(db, s.accountId, { kind: 'saveDraft', draftId: 'd1', content: content(`version ${i}`) });
    if (i === 4) {
      await waitFor('the lost answer', async () => proxy!.pendingFaults === 0, 30_000);
      expect(await draftsNamed(subject)).toEqual(['version 4']);
    } else await drained();
  }
  // A burst, as typing makes: only the last is sent.
  for (let i = 7; i <= 12; i++) await enqueue(db, s.accountId, { kind: 'saveDraft', draftId: 'd1', content: content(`version ${i}`) });
  expect(await items(db).count()).toBeLessThanOrEqual(2);
  await drained();
  expect(await draftsNamed(subject)).toEqual(['version 12']);

  const identity = await identityId(s.client);
  await enqueue(db, s.accountId, { kind: 'send', draftId: 'd1', identityId: identity, holdMs: 0, content: content('sent version') });
  const sendId = (await items(db).toArray())[0]!.messageId!;
  await drained();
  expect(await draftsNamed(subject)).toEqual([]);
  expect(await byMessageId('alice', draftMessageId)).toEqual([]);
  const got = await waitFor(
    'bob to receive it',
    async () => ((await byMessageId('bob', sendId)).length ? byMessageId('bob', sendId) : undefined),
    30_000,
  );
  expect(got).toHaveLength(1);
}, 180_000);

it('a discarded draft leaves nothing on the server', async () => {
  const b = backend();
  const s = await signedInMirror();
  const { db } = s.mirror;
  const subject = `discarded ${randomUUID().slice(0, 8)}`;
  flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: s.sync });
  const content: DraftContent = {
    from: { email: b.users.alice.email },
    to: [],
    cc: [],
    bcc: [],
    subject,
    textBody: 'Never mind',
    attachments: [],
  };
  await enqueue(db, s.accountId, { kind: 'saveDraft', draftId: 'd2', content });
  await waitFor('the save', async () => (await items(db).count()) === 0, 30_000);
  expect(await draftsNamed(subject)).toHaveLength(1);
  // enqueue gave the composition its Message-ID (the composer keeps it with the draft).
  const [kept] = await draftsNamed(subject);
  expect(kept).toBe('Never mind');
  const alice = await connectAs('alice');
  const q = await alice.call('Email/query', { filter: { subject } });
  const messageId = (await alice.call('Email/get', { ids: q.ids, properties: ['messageId'] })).list[0]!.messageId![0]!;
  await enqueue(db, s.accountId, { kind: 'discardDraft', draftId: 'd2', draftMessageId: messageId });
  await waitFor('the discard', async () => (await items(db).count()) === 0, 30_000);
  expect(await draftsNamed(subject)).toEqual([]);
}, 60_000);

it('a draft with a file, saved many times, uploads the file once; bob gets its bytes', async () => {
  const b = backend();
  const counting = countingFetch();
  const s = await signedInMirror(counting.fetch);
  const { db } = s.mirror;
  const subject = `with a file ${randomUUID().slice(0, 8)}`;
  const bytes = new Uint8Array(64 * 1024).map((_, i) => (i * 7) % 251);
  const file = await putOutgoingBlob(db, new Blob([bytes]), { accountId: s.accountId, name: 'plan.bin', type: 'application/octet-stream' });
  const content = (text: string): DraftContent => ({
    from: { email: b.users.alice.email },
    to: [{ email: b.users.bob.email }],
    cc: [],
    bcc: [],
    subject,
    textBody: text,
    attachments: [{ outgoingBlobId: file, name: 'plan.bin', type: 'application/octet-stream', size: bytes.byteLength }],
    draftMessageId: `${randomUUID()}@test`,
  });
  const same = content('');
  flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: s.sync });
  for (let i = 1; i <= 4; i++) {
    await enqueue(db, s.accountId, { kind: 'saveDraft', draftId: 'd3', content: { ...same, textBody: `version ${i}` } });
    await waitFor('the save', async () => (await items(db).count()) === 0, 30_000);
  }
  const uploadBase = s.client.session.uploadUrl.split('{')[0]!;
  expect(counting.calls.filter((c) => c.url.startsWith(uploadBase))).toHaveLength(1);
  expect(await draftsNamed(subject)).toEqual(['version 4']);
  const identity = await identityId(s.client);
  await enqueue(db, s.accountId, { kind: 'send', draftId: 'd3', identityId: identity, holdMs: 0, content: { ...same, textBody: 'sent' } });
  const sendId = (await items(db).toArray())[0]!.messageId!;
  await waitFor('the send', async () => (await items(db).count()) === 0, 30_000);
  expect(counting.calls.filter((c) => c.url.startsWith(uploadBase))).toHaveLength(1);
  expect(await draftsNamed(subject)).toEqual([]);
  const [got] = await waitFor(
    'bob to receive it',
    async () => ((await byMessageId('bob', sendId)).length ? byMessageId('bob', sendId) : undefined),
    30_000,
  );
  const bob = await connectAs('bob');
  const [attachment] = (await bob.call('Email/get', { ids: [got!.id], properties: ['attachments'] })).list[0]!.attachments!;
  const received = new Uint8Array(await (await bob.download(attachment!.blobId!, { type: 'application/octet-stream' })).arrayBuffer());
  expect(Buffer.from(received).equals(Buffer.from(bytes))).toBe(true);
}, 120_000);
