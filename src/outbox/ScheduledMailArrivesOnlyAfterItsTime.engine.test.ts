/**
 * Issue 14, send later: a message scheduled through the outbox is handed to the server
 * with a hold (HOLDUNTIL), listed as scheduled, not delivered before its time, and
 * delivered once after it. Both backends hold the mail themselves.
 */
import { afterEach, expect, it } from 'vitest';
import { backend } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { signedInMirror } from '../../testing/mirror/outbox.ts';
import { bobHas, heldOn, scheduleSend } from '../../testing/mirror/scheduled.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { items } from './tables.ts';

let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
});

it('holds a scheduled message on the server until its time, then bob gets it once', async () => {
  const s = await signedInMirror();
  const later = await scheduleSend(s, 'scheduled');
  flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
  await waitFor('the outbox to hand it over', async () => (await items(s.mirror.db).count()) === 0);
  // Listed with its time where the server lists submissions (not James: no EmailSubmission/query).
  if (backend().capabilities.listsSubmissions) {
    const held = await heldOn(s.client, later);
    expect(Math.abs(Date.parse(held.sendAt) - later.sendAt)).toBeLessThan(1500);
  }
  // Not before its time: looked at until 2 s before it.
  while (Date.now() < later.sendAt - 2000) {
    expect(await bobHas(later), 'bob got it before its time').toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await waitFor(`bob to get “${later.subject}”`, async () => (await bobHas(later)) > 0, 30_000, 250);
  expect(Date.now()).toBeGreaterThanOrEqual(later.sendAt - 1000);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await bobHas(later)).toBe(1);
}, 60_000);
