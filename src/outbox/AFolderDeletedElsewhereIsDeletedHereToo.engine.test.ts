/**
 * Deleting a folder that another client already deleted: the folder is gone as asked, so
 * the intent is done, and what was queued with it still goes. (Cyrus 3.6 fails a whole
 * Mailbox/set with HTTP 500 when it destroys a folder that is gone, so it was retried for
 * ever, the folders made with it never went; found by the convergence fuzz, testing/fuzz.)
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connectAs, unique } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { enqueue } from './enqueue.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { listNotices } from './queueReads.ts';
import { items } from './tables.ts';
import { signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

it('deletes a folder already deleted elsewhere without an error, and makes the new one queued with it', async () => {
  const alice = await connectAs('alice');
  const doomed = (await alice.call('Mailbox/set', { create: { d: { name: unique('gone'), parentId: null } } })).created!.d!.id;
  const s = await signedInMirror();
  await alice.call('Mailbox/set', { destroy: [doomed] });
  const name = unique('made');
  await enqueue(s.mirror.db, s.accountId, { kind: 'mailboxDestroy', mailboxId: doomed });
  await enqueue(s.mirror.db, s.accountId, { kind: 'mailboxCreate', localId: 'local-made', name, parentId: null });
  const flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  flushers.push(flusher);
  await waitFor('the outbox to drain', async () => ((await items(s.mirror.db).count()) === 0 ? true : undefined), 20_000);
  await flusher.idle();
  expect(await listNotices(s.mirror.db, s.accountId)).toEqual([]);
  const boxes = (await alice.call('Mailbox/get', { ids: null })).list;
  expect(boxes.filter((m) => m.name === name)).toHaveLength(1);
  expect(boxes.some((m) => m.id === doomed)).toBe(false);
  await alice.call('Mailbox/set', { destroy: boxes.filter((m) => m.name === name).map((m) => m.id) });
}, 60_000);
