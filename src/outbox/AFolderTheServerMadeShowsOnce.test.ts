/**
 * A folder made on this device shows once, before and after the server makes it: when
 * the server's answer names its id (mapLocalId) and the mirror then brings the server's
 * folder, the local folder's overlay follows it to that id instead of showing beside it
 * until the accepted overlay is cleared. A folder made inside it follows too.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { MailDb } from '../store/index.ts';
import type { MailboxRecord } from '../sync/index.ts';
import { enqueue } from './enqueue.ts';
import { mapLocalId } from './idAliases.ts';
import { readMailboxes } from './reads.ts';
import { mailbox } from '../../testing/records.ts';

const A = 'acct';

const serverFolder = (id: string, name: string, parentId: string | null): MailboxRecord => ({ ...mailbox(A, id, 0), name, parentId });

it('shows a folder made here once when the server has made it, its child under it', async () => {
  const db = new MailDb(`folder-once-${Math.random().toString(36).slice(2)}`);
  await enqueue(db, A, { kind: 'mailboxCreate', localId: 'local-outer', name: 'Outer', parentId: null });
  await enqueue(db, A, { kind: 'mailboxCreate', localId: 'local-inner', name: 'Inner', parentId: 'local-outer' });
  expect((await readMailboxes(db, A)).map((m) => [m.id, m.name, m.parentId])).toEqual([
    ['local-outer', 'Outer', null],
    ['local-inner', 'Inner', 'local-outer'],
  ]);
  // The server made Outer (its answer is in), and a sync brought it into the mirror,
  // while the accepted overlay still waits for the next sync to go.
  await mapLocalId(db, A, 'local-outer', 'S1');
  await db.mailboxes.put(serverFolder('S1', 'Outer', null));
  const shown = (await readMailboxes(db, A)).map((m) => [m.id, m.name, m.parentId]);
  expect(shown).toEqual([
    ['S1', 'Outer', null],
    ['local-inner', 'Inner', 'S1'],
  ]);
  db.close();
});
