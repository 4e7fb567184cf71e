/**
 * Issue 14, send later offline: a message scheduled with no network waits in the outbox
 * like any send; when the network is back its first answer is lost (the fault proxy drops
 * it after the server held the message), and the outbox finds it by its Message-ID
 * instead of scheduling it again: one held submission, and bob gets it once, after its time.
 */
import { afterEach, expect, it } from 'vitest';
import { backend } from '../../testing/backends/connect.ts';
import { startFaultyProxy, type FaultyProxy } from '../../testing/faults/proxy.ts';
import { waitFor } from '../../testing/wait.ts';
import { signedInMirror } from '../../testing/mirror/outbox.ts';
import { bobHas, heldOn, scheduleSend } from '../../testing/mirror/scheduled.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { scheduledMail } from './scheduled.ts';
import { items } from './tables.ts';

let flusher: Flusher | undefined;
let proxy: FaultyProxy | undefined;
afterEach(async () => {
  await flusher?.stop();
  await proxy?.close();
});

it('a send scheduled offline reaches the server once, even when its answer is lost', async () => {
  proxy = await startFaultyProxy(backend().origin);
  let offline = false;
  const net: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
  const s = await signedInMirror(net, proxy.origin);
  offline = true;
  const later = await scheduleSend(s, 'offline');
  flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync, online: () => !offline });
  await new Promise((r) => setTimeout(r, 1500));
  const waiting = await items(s.mirror.db).toArray();
  expect(waiting.map((i) => i.intent.kind)).toEqual(['send']);
  expect(waiting[0]!.state).not.toBe('failed');

  proxy.inject({ kind: 'dropAnswer' }, 1, 'EmailSubmission/set');
  offline = false;
  flusher.wake(true);
  await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 30_000);
  expect(proxy.pendingFaults).toBe(0);
  if (backend().capabilities.listsSubmissions) {
    await heldOn(s.client, later);
    expect((await scheduledMail(s.client)).filter((m) => m.messageId === later.messageId)).toHaveLength(1);
  }
  expect(await bobHas(later)).toBe(0);
  await waitFor(`bob to get “${later.subject}”`, async () => (await bobHas(later)) > 0, 30_000, 250);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await bobHas(later)).toBe(1);
}, 90_000);
