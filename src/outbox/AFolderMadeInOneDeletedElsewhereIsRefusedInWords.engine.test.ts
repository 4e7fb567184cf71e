/**
 * A folder made on this device inside a folder another client deleted meanwhile cannot be
 * made: the person is told why, and nothing names a folder that does not exist. (Cyrus 3.6
 * answers `created` for it and makes nothing, so the device believed in a folder that was
 * not there; found by the convergence fuzz, testing/fuzz, Cyrus seed 8 with 30 ops.)
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connectAs, unique } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { enqueue } from './enqueue.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { serverIdOf } from './idAliases.ts';
import { listNotices } from './queueReads.ts';
import { items } from './tables.ts';
import { signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

it('refuses in words a folder made inside one deleted elsewhere', async () => {
  const alice = await connectAs('alice');
  const parent = (await alice.call('Mailbox/set', { create: { p: { name: unique('parent'), parentId: null } } })).created!.p!.id;
  const s = await signedInMirror();
  await alice.call('Mailbox/set', { destroy: [parent] });
  const name = unique('child');
  await enqueue(s.mirror.db, s.accountId, { kind: 'mailboxCreate', localId: 'local-child', name, parentId: parent });
  const flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  flushers.push(flusher);
  await waitFor('the outbox to drain', async () => ((await items(s.mirror.db).count()) === 0 ? true : undefined), 20_000);
  await flusher.idle();
  const notices = await listNotices(s.mirror.db, s.accountId);
  expect(notices.map((n) => n.text)).toEqual([expect.stringMatching(/^Create folder .* could not be done: /)]);
  expect(await serverIdOf(s.mirror.db, s.accountId, 'local-child')).toBeNull();
  expect((await alice.call('Mailbox/get', { ids: null })).list.filter((m) => m.name === name)).toEqual([]);
}, 60_000);
