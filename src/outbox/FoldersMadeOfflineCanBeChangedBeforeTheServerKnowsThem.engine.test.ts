/**
 * A folder made offline is known only by its local id until the server makes it. What
 * the person does to it meanwhile (rename it, make a folder inside it, file mail in
 * that one) waits for it and then lands on the right folder, and an action named by
 * the local id after the server made it (the screen still holds that id) lands too.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connectAs } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { listNotices } from './queueReads.ts';
import { serverIdOf } from './idAliases.ts';
import { items } from './tables.ts';
import { freshInboxMessages, signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

it('renames, nests into and files mail in folders the server has not made yet', async () => {
  const { ids, marker } = await freshInboxMessages(2, 'folders');
  const s = await signedInMirror();
  const { accountId, roles } = s;
  const db = s.mirror.db;
  const inbox = roles.inbox!;

  // Offline: make a folder, rename it, make one inside it, file a message there.
  await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'local-outer', name: `${marker} draft name`, parentId: null });
  await enqueue(db, accountId, { kind: 'mailboxUpdate', mailboxId: 'local-outer', name: `${marker} Outer` });
  await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'local-inner', name: `${marker} Inner`, parentId: 'local-outer' });
  await enqueue(db, accountId, { kind: 'move', emailIds: [ids[0]!], fromMailboxId: inbox, toMailboxId: 'local-inner' });

  const flusher = createFlusher({ client: s.client, db, accountId, onNeedSync: s.sync });
  flushers.push(flusher);
  await waitFor('the outbox to drain', async () => (await items(db).count()) === 0, 30_000);
  await flusher.idle();

  const alice = await connectAs('alice');
  const boxes = (await alice.call('Mailbox/get', { ids: null })).list.filter((m) => m.name?.startsWith(marker));
  const outer = boxes.find((m) => m.name === `${marker} Outer`);
  const inner = boxes.find((m) => m.name === `${marker} Inner`);
  expect(boxes.map((m) => m.name).sort()).toEqual([`${marker} Inner`, `${marker} Outer`]);
  expect(inner?.parentId).toBe(outer?.id);
  const filed = (await alice.call('Email/get', { ids: [ids[0]!], properties: ['mailboxIds'] })).list[0];
  expect(Object.keys(filed?.mailboxIds ?? {})).toEqual([inner!.id]);
  expect(await listNotices(db, accountId)).toEqual([]);

  // The screen still holds the local id: the next rename and move reach the real folder.
  expect(await serverIdOf(db, accountId, 'local-outer')).toBe(outer!.id);
  await enqueue(db, accountId, { kind: 'mailboxUpdate', mailboxId: 'local-outer', name: `${marker} Renamed` });
  await enqueue(db, accountId, { kind: 'move', emailIds: [ids[1]!], fromMailboxId: inbox, toMailboxId: 'local-outer' });
  await waitFor('the outbox to drain again', async () => (await items(db).count()) === 0, 30_000);
  await flusher.idle();
  const after = (await alice.call('Mailbox/get', { ids: [outer!.id] })).list[0];
  expect(after?.name).toBe(`${marker} Renamed`);
  const second = (await alice.call('Email/get', { ids: [ids[1]!], properties: ['mailboxIds'] })).list[0];
  expect(Object.keys(second?.mailboxIds ?? {})).toEqual([outer!.id]);
  expect(await listNotices(db, accountId)).toEqual([]);

  // Tidy up: the mail back to the Inbox, the folders gone.
  await alice.call('Email/set', { update: { [ids[0]!]: { mailboxIds: { [inbox]: true } }, [ids[1]!]: { mailboxIds: { [inbox]: true } } } });
  await alice.call('Mailbox/set', { destroy: [inner!.id] });
  await alice.call('Mailbox/set', { destroy: [outer!.id] });
});
