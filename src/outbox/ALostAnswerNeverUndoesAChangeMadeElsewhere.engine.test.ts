/**
 * An Email/set (or a folder rename) whose answer is lost may have landed. When the device
 * is back, the message (or folder) may have been changed elsewhere meanwhile: sending the
 * same change again would undo that (found by the convergence fuzz, testing/fuzz: seed 15
 * for a star, seed 197 with FUZZ_OPS=20 for a rename). What landed is not sent again,
 * what never reached the server still is.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connectAs, unique } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import type { FetchLike } from '../jmap/index.ts';
import type { MailDb } from '../store/index.ts';
import { enqueue } from './enqueue.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { listNotices } from './queueReads.ts';
import { items } from './tables.ts';
import { freshInboxMessages, signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

/** A network that can be off, and can lose the answer to the next `method` call (and go off with it). */
function network(method = 'Email/set') {
  const net = { offline: false, loseNextSet: false, reachedServer: 0 };
  const fetchImpl: FetchLike = async (url, init) => {
    if (net.offline) throw new TypeError('fetch failed (offline)');
    const res = await fetch(url, init);
    if (net.loseNextSet && typeof init?.body === 'string' && init.body.includes(`"${method}"`)) {
      net.loseNextSet = false;
      net.offline = true;
      net.reachedServer++;
      await res.text();
      throw new TypeError('fetch failed (the answer was lost)');
    }
    return res;
  };
  return { net, fetchImpl };
}

async function flagged(id: string): Promise<boolean> {
  const alice = await connectAs('alice');
  return !!(await alice.call('Email/get', { ids: [id], properties: ['keywords'] })).list[0]?.keywords?.$flagged;
}

/** The network comes back: the mirror syncs, the flusher is woken, and the outbox drains. */
async function backOnlineAndDrained(net: { offline: boolean }, s: { sync(): Promise<void> }, flusher: Flusher, db: MailDb): Promise<void> {
  net.offline = false;
  await s.sync();
  flusher.wake(true);
  await waitFor('the outbox to drain', async () => ((await items(db).count()) === 0 ? true : undefined), 30_000);
  await flusher.idle();
}

it('does not star again a message unstarred elsewhere after the star landed unanswered', async () => {
  const { ids } = await freshInboxMessages(1, 'lost-answer');
  const { net, fetchImpl } = network();
  const s = await signedInMirror(fetchImpl);
  const db = s.mirror.db;
  net.loseNextSet = true;
  await enqueue(db, s.accountId, { kind: 'keywords', emailIds: [ids[0]!], add: ['$flagged'] });
  const flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: () => s.engine.syncNow() });
  flushers.push(flusher);
  await waitFor('the star to be sent', async () => (net.offline ? true : undefined), 30_000);
  await flusher.idle();
  expect(net.reachedServer).toBe(1);
  expect(await flagged(ids[0]!)).toBe(true);

  // Elsewhere, meanwhile: unstarred.
  await (await connectAs('alice')).call('Email/set', { update: { [ids[0]!]: { 'keywords/$flagged': null } } });

  // Back online, as the host does it: sync, and flush now.
  await backOnlineAndDrained(net, s, flusher, db);
  expect(await flagged(ids[0]!)).toBe(false);
  const notices = await listNotices(db, s.accountId);
  expect(notices.map((n) => n.text)).toEqual([
    expect.stringMatching(/^Star 1 message may have been undone: .*changed elsewhere meanwhile/),
  ]);
  expect(await db.overlays.count()).toBe(0);
}, 60_000);

it('still sends a star whose request never reached the server, and says nothing', async () => {
  const { ids } = await freshInboxMessages(1, 'never-sent');
  const { net, fetchImpl } = network();
  const s = await signedInMirror(fetchImpl);
  const db = s.mirror.db;
  net.offline = true;
  await enqueue(db, s.accountId, { kind: 'keywords', emailIds: [ids[0]!], add: ['$flagged'] });
  const flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: () => s.engine.syncNow() });
  flushers.push(flusher);
  await waitFor('a failed try', async () => ((await items(db).toArray())[0]?.attempts ? true : undefined), 30_000);
  await flusher.idle();
  // Something else changed on the server meanwhile (another message), so the state moved on.
  const { ids: other } = await freshInboxMessages(1, 'meanwhile');
  await (await connectAs('alice')).call('Email/set', { update: { [other[0]!]: { 'keywords/$seen': true } } });

  await backOnlineAndDrained(net, s, flusher, db);
  expect(await flagged(ids[0]!)).toBe(true);
  expect(await listNotices(db, s.accountId)).toEqual([]);
}, 60_000);

it('does not rename again a folder renamed elsewhere after the rename landed unanswered', async () => {
  const alice = await connectAs('alice');
  const folder = (await alice.call('Mailbox/set', { create: { f: { name: unique('folder'), parentId: null } } })).created!.f!.id;
  const { net, fetchImpl } = network('Mailbox/set');
  const s = await signedInMirror(fetchImpl);
  const db = s.mirror.db;
  const mine = unique('mine');
  net.loseNextSet = true;
  await enqueue(db, s.accountId, { kind: 'mailboxUpdate', mailboxId: folder, name: mine });
  const flusher = createFlusher({ client: s.client, db, accountId: s.accountId, onNeedSync: () => s.engine.syncNow() });
  flushers.push(flusher);
  await waitFor('the rename to be sent', async () => (net.offline ? true : undefined), 30_000);
  await flusher.idle();
  const nameOf = async () => (await alice.call('Mailbox/get', { ids: [folder] })).list[0]?.name;
  expect(await nameOf()).toBe(mine);

  const theirs = unique('theirs');
  await alice.call('Mailbox/set', { update: { [folder]: { name: theirs } } });
  await backOnlineAndDrained(net, s, flusher, db);
  expect(await nameOf()).toBe(theirs);
  expect((await listNotices(db, s.accountId)).map((n) => n.text)).toEqual([
    expect.stringMatching(/^Rename folder to .* may have been undone: .*changed elsewhere meanwhile/),
  ]);
  await alice.call('Mailbox/set', { destroy: [folder] });
}, 60_000);

it('sends a star made offline even when the message was read elsewhere meanwhile', async () => {
  const { ids } = await freshInboxMessages(1, 'offline-star');
  const { net, fetchImpl } = network();
  const s = await signedInMirror(fetchImpl);
  const db = s.mirror.db;
  net.offline = true;
  await enqueue(db, s.accountId, { kind: 'keywords', emailIds: [ids[0]!], add: ['$flagged'] });
  // The device knows it is offline (navigator.onLine in a browser): what fails was never sent.
  const flusher = createFlusher({
    client: s.client,
    db,
    accountId: s.accountId,
    onNeedSync: () => s.engine.syncNow(),
    online: () => !net.offline,
  });
  flushers.push(flusher);
  await waitFor('a failed try', async () => ((await items(db).toArray())[0]?.attempts ? true : undefined), 30_000);
  await flusher.idle();
  await (await connectAs('alice')).call('Email/set', { update: { [ids[0]!]: { 'keywords/$seen': true } } });

  await backOnlineAndDrained(net, s, flusher, db);
  expect(await flagged(ids[0]!)).toBe(true);
  expect(await listNotices(db, s.accountId)).toEqual([]);
}, 60_000);
