/**
 * Issue 4, acceptance 2: the answer to a send is lost after the server processed it, 20
 * times. The outbox looks each message up by its Message-ID before trying again: bob
 * receives every message exactly once. The fault proxy in front of the backend (either one)
 * drops the answers.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { backend } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { startFaultyProxy, type FaultyProxy } from '../../testing/faults/proxy.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { items } from './tables.ts';
import { aliceToBob, byMessageId, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';

let proxy: FaultyProxy | undefined;
let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
  await proxy?.close();
});

it('sends 20 messages whose answers were all lost, each exactly once', async () => {
  const b = backend();
  const SENDS = 20;
  proxy = await startFaultyProxy(b.origin);
  const s = await signedInMirror(undefined, proxy.origin);
  proxy.inject({ kind: 'dropAnswer' }, SENDS, 'EmailSubmission/set');
  const identity = await identityId(s.client);
  const stamp = Date.now();
  for (let i = 0; i < SENDS; i++) {
    await enqueue(s.mirror.db, s.accountId, {
      kind: 'send',
      draftId: `lost-${i}`,
      identityId: identity,
      holdMs: 0,
      content: aliceToBob(`lost answer ${stamp} #${i}`, 'Once.'),
    });
  }
  const messageIds = (await items(s.mirror.db).toArray()).map((i) => i.messageId!);
  flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 120_000);
  for (const id of messageIds) {
    const got = await waitFor(
      `bob to receive ${id}`,
      async () => {
        const list = await byMessageId('bob', id);
        return list.length ? list : undefined;
      },
      30_000,
    );
    expect(got, `bob received ${id} ${got.length} times`).toHaveLength(1);
  }
  // Every answer was really lost (the proxy used up all 20).
  expect(proxy.pendingFaults).toBe(0);
  // A moment for any duplicate still on its way, then count again.
  await new Promise((r) => setTimeout(r, 1000));
  for (const id of messageIds) expect(await byMessageId('bob', id)).toHaveLength(1);
}, 240_000);
