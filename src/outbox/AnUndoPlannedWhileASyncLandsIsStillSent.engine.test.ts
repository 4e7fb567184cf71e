/**
 * An undo planned while a sync lands is still sent. The pass reads the mirror, then waits
 * on the network (the Mailbox/get that checks a move's target folders) before it plans; a
 * sync finishing meanwhile brings the archive and its new Email state. Planned from the
 * rows read before that sync, the restore looked like "nothing to send" and its empty
 * Email/set, guarded with the state after it, was accepted: the message stayed archived
 * on the server (seen once in a clean-clone e2e run, ui-UndoSpamAndDeleteForGood).
 */
import { afterEach, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { connectAs } from '../../testing/backends/connect.ts';
import { freshInboxMessages, signedInMirror } from '../../testing/mirror/outbox.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { listNotices } from './queueReads.ts';
import { items } from './tables.ts';
import { enqueueUndoable, undoIntent } from './undo.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

/** The client, with a sync of the mirror run inside each folder check while `armed()`. */
function syncingInFolderCheck(client: JmapClient, sync: () => Promise<void>, armed: () => boolean): JmapClient {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'call') return Reflect.get(target, key, receiver) as unknown;
      return async (method: string, args: unknown) => {
        if (method === 'Mailbox/get' && armed()) await sync();
        return (target.call as (m: string, a: unknown) => Promise<unknown>)(method, args);
      };
    },
  }) as JmapClient;
}

it('sends the restore of an undone archive when a sync lands during the pass', async () => {
  const { ids } = await freshInboxMessages(1, 'undo-sync');
  const s = await signedInMirror();
  const { accountId, roles } = s;
  const inbox = roles.inbox!;
  const archive = roles.archive ?? roles.trash!;
  const db = s.mirror.db;
  // The sync the flusher asks for after the archive is held back, as when it is still
  // running; it lands instead while the next pass checks the folders.
  let syncInCheck = false;
  const client = syncingInFolderCheck(s.client, s.sync, () => syncInCheck);
  const flusher = createFlusher({ client, db, accountId, onNeedSync: async () => undefined });
  flushers.push(flusher);
  const drained = (what: string) => waitFor(what, async () => (await items(db).count()) === 0, 60_000);

  const handle = await enqueueUndoable(db, accountId, { kind: 'move', emailIds: ids, fromMailboxId: inbox, toMailboxId: archive });
  flusher.wake();
  await drained('the archive to reach the server');
  await flusher.idle();
  const alice = await connectAs('alice');
  expect((await alice.call('Email/get', { ids, properties: ['mailboxIds'] })).list[0]!.mailboxIds).toEqual({ [archive]: true });

  syncInCheck = true;
  expect(await undoIntent(db, handle)).toBe('inverse');
  flusher.wake();
  await drained('the undo to reach the server');
  await flusher.idle();
  expect((await alice.call('Email/get', { ids, properties: ['mailboxIds'] })).list[0]!.mailboxIds).toEqual({ [inbox]: true });
}, 120_000);

it('tells in words of a move whose message that sync brought the deletion of', async () => {
  const { ids } = await freshInboxMessages(1, 'gone-sync');
  const s = await signedInMirror();
  const { accountId, roles } = s;
  const db = s.mirror.db;
  const alice = await connectAs('alice');
  await alice.call('Email/set', { destroy: ids });
  const client = syncingInFolderCheck(s.client, s.sync, () => true);
  const flusher = createFlusher({ client, db, accountId, onNeedSync: async () => undefined });
  flushers.push(flusher);
  await enqueueUndoable(db, accountId, { kind: 'move', emailIds: ids, fromMailboxId: roles.inbox!, toMailboxId: roles.trash! });
  flusher.wake();
  await waitFor('the move to leave the outbox', async () => (await items(db).count()) === 0, 60_000);
  await flusher.idle();
  expect((await listNotices(db, accountId)).map((n) => n.text)).toEqual([
    'A message you changed was deleted on the server meanwhile; what you did to it was dropped.',
  ]);
}, 120_000);
