/**
 * Undo of a mail action: before the flush the intent is dropped (the server never hears of
 * it); once the server has it, or while a request carries it, the inverse is queued and
 * puts each email back in the mailboxes (and the keywords) it had before. Spam and
 * not-spam are moves with the $junk / $notjunk keywords.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { MailDb } from '../store/index.ts';
import { email, uniqueDbName } from '../../testing/records.ts';
import { recordingClient } from '../../testing/mirror/settingsClient.ts';
import { discardItem } from './enqueue.ts';
import { pass } from './flusher.ts';
import { readEmails } from './reads.ts';
import { accountItems, accountOverlays, overlays } from './tables.ts';
import { enqueueUndoable, undoIntent } from './undo.ts';

const A = 'acct';

async function inboxOf(label: string, ids: string[]) {
  const db = new MailDb(uniqueDbName(label));
  await db.emails.bulkPut(
    ids.map((id, i) => ({
      ...email(A, id, `T${id}`, ['inbox'], i),
      keywords: (id === 'e2' ? { $seen: true } : {}) as Record<string, true>,
    })),
  );
  await db.states.put({ accountId: A, type: 'Email', state: 's1', updatedAt: 0 });
  return db;
}

/** Answers Mailbox/get (every folder exists) and Email/set (all updated), recording them; `gate` holds Email/set. */
function server(gate?: Promise<void>) {
  return recordingClient(async (method, args) => {
    if (method === 'Mailbox/get') return { list: (args.ids as string[]).map((id) => ({ id })), notFound: [] };
    await gate;
    const update = (args.update ?? {}) as Record<string, unknown>;
    return { newState: 's2', updated: Object.fromEntries(Object.keys(update).map((id) => [id, null])) };
  });
}

const flush = (db: MailDb, client: ReturnType<typeof server>['client']) =>
  pass({ db, accountId: A, client, onNeedSync: async () => ({ ok: true }) });
const emailSets = (calls: { method: string; args: Record<string, unknown> }[]) => calls.filter((c) => c.method === 'Email/set');

it('UndoBeforeTheFlushDropsTheIntent', async () => {
  const db = await inboxOf('undo-drop', ['e1', 'e2']);
  const handle = await enqueueUndoable(db, A, { kind: 'move', emailIds: ['e1', 'e2'], fromMailboxId: 'inbox', toMailboxId: 'archive' });
  expect((await readEmails(db, A, ['e1']))[0]?.mailboxIds).toEqual({ archive: true });

  expect(await undoIntent(db, handle)).toBe('dropped');
  expect(await accountItems(db, A)).toEqual([]);
  expect(await accountOverlays(db, A)).toEqual([]);
  expect((await readEmails(db, A, ['e1', 'e2'])).map((e) => e?.mailboxIds)).toEqual([{ inbox: true }, { inbox: true }]);
  const { client, calls } = server();
  await flush(db, client);
  expect(emailSets(calls)).toEqual([]);
});

it('UndoAfterTheServerHasItQueuesTheInverse', async () => {
  const db = await inboxOf('undo-inverse', ['e1', 'e2']);
  const handle = await enqueueUndoable(db, A, { kind: 'keywords', emailIds: ['e1', 'e2'], add: ['$seen'] });
  const { client, calls } = server();
  await flush(db, client);
  expect(await accountItems(db, A)).toEqual([]);
  // The next sync brings the server's change and the accepted overlays go.
  await db.emails.bulkPut([{ ...(await db.emails.get([A, 'e1']))!, keywords: { $seen: true } }]);
  await overlays(db).clear();

  expect(await undoIntent(db, handle)).toBe('inverse');
  // Shown at once: e1 unread again, e2 stays read (it was read before).
  expect((await readEmails(db, A, ['e1', 'e2'])).map((e) => e?.keywords)).toEqual([{}, { $seen: true }]);
  await flush(db, client);
  expect(emailSets(calls).at(-1)?.args.update).toEqual({ e1: { 'keywords/$seen': null } });
  expect(await accountItems(db, A)).toEqual([]);
});

it('UndoWhileTheFlushIsInFlightQueuesTheInverse', async () => {
  const db = await inboxOf('undo-in-flight', ['e1']);
  const handle = await enqueueUndoable(db, A, { kind: 'move', emailIds: ['e1'], fromMailboxId: 'inbox', toMailboxId: 'archive' });
  let release!: () => void;
  const { client, calls } = server(new Promise<void>((r) => (release = r)));
  const flushing = flush(db, client);
  while (!emailSets(calls).length) await new Promise((r) => setTimeout(r, 1));
  // The request is out: dropping the intent now would not stop it from landing.
  expect(await discardItem(db, handle.intentId)).toBe(false);
  expect(await undoIntent(db, handle)).toBe('inverse');
  release();
  await flushing;
  const left = await accountItems(db, A);
  expect(left.map((i) => i.intent)).toEqual([{ kind: 'restore', emails: { e1: { mailboxIds: { inbox: true } } } }]);
  expect(left[0]?.inFlight).toBeUndefined();
  expect((await readEmails(db, A, ['e1']))[0]?.mailboxIds).toEqual({ inbox: true });
});

it('UndoOfAFailedFlushDropsTheIntent', async () => {
  const db = await inboxOf('undo-after-failure', ['e1']);
  const handle = await enqueueUndoable(db, A, { kind: 'move', emailIds: ['e1'], fromMailboxId: 'inbox', toMailboxId: 'archive' });
  const { client } = recordingClient(() => {
    throw new Error('offline');
  });
  await pass({ db, accountId: A, client, onNeedSync: async () => ({ ok: true }), online: () => false });
  expect((await accountItems(db, A))[0]?.inFlight).toBeUndefined();
  expect(await undoIntent(db, handle)).toBe('dropped');
});

it('ReportSpamMovesToJunkWithTheJunkKeywordAndUndoPutsBothBack', async () => {
  const db = await inboxOf('spam', ['e1']);
  await db.emails.put({ ...(await db.emails.get([A, 'e1']))!, keywords: { $notjunk: true } });
  const handle = await enqueueUndoable(db, A, {
    kind: 'move',
    emailIds: ['e1'],
    fromMailboxId: 'inbox',
    toMailboxId: 'junk',
    keywords: { $junk: true, $notjunk: false },
  });
  const seen = (await readEmails(db, A, ['e1']))[0];
  expect(seen?.mailboxIds).toEqual({ junk: true });
  expect(seen?.keywords).toEqual({ $junk: true });
  expect(handle.before).toEqual({ e1: { mailboxIds: { inbox: true }, keywords: { $junk: false, $notjunk: true } } });
  const { client, calls } = server();
  await flush(db, client);
  expect(emailSets(calls)[0]?.args.update).toEqual({
    e1: { 'keywords/$junk': true, 'keywords/$notjunk': null, 'mailboxIds/inbox': null, 'mailboxIds/junk': true },
  });
  expect(await undoIntent(db, handle)).toBe('inverse');
  const back = (await readEmails(db, A, ['e1']))[0];
  expect(back?.mailboxIds).toEqual({ inbox: true });
  expect(back?.keywords).toEqual({ $notjunk: true });
});
