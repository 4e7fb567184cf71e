/**
 * Undo after the server has the change: an archive that reached the server, undone, puts
 * each message back in exactly the mailboxes it was in (one of them in two folders), as
 * one message each (no copy left in Archive), and a second flush sends nothing more.
 */
import { afterEach, expect, it } from 'vitest';
import { connectAs } from '../../testing/backends/connect.ts';
import { freshInboxMessages, signedInMirror } from '../../testing/mirror/outbox.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { readEmails } from './reads.ts';
import { items } from './tables.ts';
import { enqueueUndoable, undoIntent } from './undo.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

it('puts an archive undone after it reached the server back in the original mailboxes, once', async () => {
  const { ids, marker } = await freshInboxMessages(2, 'undo');
  const alice = await connectAs('alice');
  const label = (await alice.call('Mailbox/set', { create: { l: { name: `${marker} label`, parentId: null } } })).created!.l!.id;
  // The second message is in the Inbox and in a second folder.
  await alice.call('Email/set', { update: { [ids[1]!]: { [`mailboxIds/${label}`]: true } } });
  const s = await signedInMirror();
  const { accountId, roles } = s;
  const inbox = roles.inbox!;
  const archive = roles.archive ?? roles.trash!;
  const db = s.mirror.db;
  const drained = async (what: string) => {
    await waitFor(what, async () => (await items(db).count()) === 0, 60_000);
    await flusher.idle();
    await s.sync();
  };

  const handle = await enqueueUndoable(db, accountId, { kind: 'move', emailIds: ids, fromMailboxId: inbox, toMailboxId: archive });
  const flusher = createFlusher({ client: s.client, db, accountId, onNeedSync: s.sync });
  flushers.push(flusher);
  await drained('the archive to reach the server');
  const archived = await alice.call('Email/get', { ids, properties: ['mailboxIds'] });
  expect(archived.list.map((e) => e.mailboxIds)).toEqual([{ [archive]: true }, { [archive]: true, [label]: true }]);

  expect(await undoIntent(db, handle)).toBe('inverse');
  // Shown at once, before any request.
  expect((await readEmails(db, accountId, ids)).map((e) => e?.mailboxIds)).toEqual([{ [inbox]: true }, { [inbox]: true, [label]: true }]);
  flusher.wake();
  await drained('the undo to reach the server');
  flusher.wake();
  await drained('a second flush');

  const back = await alice.call('Email/get', { ids, properties: ['mailboxIds'] });
  expect(back.list.map((e) => e.mailboxIds)).toEqual([{ [inbox]: true }, { [inbox]: true, [label]: true }]);
  const inArchive = await alice.call('Email/query', { filter: { inMailbox: archive, text: marker } });
  expect(inArchive.ids).toEqual([]);
  const all = await alice.call('Email/query', { filter: { subject: marker } });
  expect([...all.ids].sort()).toEqual([...ids].sort());
  expect(await db.overlays.count()).toBe(0);
}, 120_000);
