/**
 * A star and an unstar queued offline cancel out against the mirror, so nothing needs
 * sending, but the mirror may be behind: the message may have been starred elsewhere
 * meanwhile. The person's last word (unstar) must land as it would alone, not vanish
 * with the queue (found by the convergence fuzz, testing/fuzz, seed 551 with 20 ops).
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connectAs } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import type { FetchLike } from '../jmap/index.ts';
import { enqueue } from './enqueue.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { items } from './tables.ts';
import { freshInboxMessages, signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

it('unstars a message starred elsewhere when a star and an unstar were queued offline', async () => {
  const { ids } = await freshInboxMessages(1, 'cancel-out');
  const net = { offline: false };
  const fetchImpl: FetchLike = (url, init) => (net.offline ? Promise.reject(new TypeError('fetch failed (offline)')) : fetch(url, init));
  const s = await signedInMirror(fetchImpl);
  const db = s.mirror.db;
  const flusher = createFlusher({
    client: s.client,
    db,
    accountId: s.accountId,
    onNeedSync: () => s.engine.syncNow(),
    online: () => !net.offline,
  });
  flushers.push(flusher);
  net.offline = true;
  await enqueue(db, s.accountId, { kind: 'keywords', emailIds: [ids[0]!], add: ['$flagged'] });
  await enqueue(db, s.accountId, { kind: 'keywords', emailIds: [ids[0]!], remove: ['$flagged'] });
  const alice = await connectAs('alice');
  await alice.call('Email/set', { update: { [ids[0]!]: { 'keywords/$flagged': true } } });
  await new Promise((r) => setTimeout(r, 50));
  await flusher.idle();
  // Offline, the queue waits: nothing can have confirmed that nothing was to be sent.
  expect(await items(db).count()).toBe(2);

  net.offline = false;
  await s.sync();
  flusher.wake(true);
  await waitFor('the outbox to drain', async () => ((await items(db).count()) === 0 ? true : undefined), 30_000);
  await flusher.idle();
  const got = (await alice.call('Email/get', { ids: [ids[0]!], properties: ['keywords'] })).list[0];
  expect(got?.keywords?.$flagged).toBeUndefined();
}, 60_000);
