/**
 * Issue 14, send later: a scheduled message canceled before its time (a cancelScheduled
 * intent: `undoStatus: 'canceled'`) never reaches bob, and is back in alice's Drafts as a
 * draft to edit. A cancel after the message went says so in words.
 */
import { afterEach, expect, it } from 'vitest';
import { backend } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { byMessageId, signedInMirror } from '../../testing/mirror/outbox.ts';
import { bobHas, heldOn, scheduleSend } from '../../testing/mirror/scheduled.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { listNotices } from './queueReads.ts';
import { scheduledMail } from './scheduled.ts';
import { items } from './tables.ts';

let flusher: Flusher | undefined;
afterEach(async () => {
  await flusher?.stop();
});

// The submission to cancel is found by EmailSubmission/query, which James lacks.
it.skipIf(!backend().capabilities.listsSubmissions)(
  'cancels a scheduled message: it never arrives and is a draft again',
  async () => {
    const s = await signedInMirror();
    const canceled = await scheduleSend(s, 'canceled');
    const kept = await scheduleSend(s, 'kept');
    flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
    await waitFor('the outbox to hand both over', async () => (await items(s.mirror.db).count()) === 0);
    const held = await heldOn(s.client, canceled);
    await heldOn(s.client, kept);
    await enqueue(s.mirror.db, s.accountId, {
      kind: 'cancelScheduled',
      submissionId: held.submissionId,
      emailId: held.emailId,
      subject: canceled.subject,
    });
    flusher.wake(true);
    await waitFor('the cancel to reach the server', async () => (await items(s.mirror.db).count()) === 0);
    expect((await scheduledMail(s.client)).map((m) => m.messageId)).not.toContain(canceled.messageId);
    const [mine] = await byMessageId('alice', canceled.messageId);
    expect(mine?.mailboxIds).toEqual({ [s.roles.drafts!]: true });
    expect(mine?.keywords?.$draft).toBe(true);

    // The other one goes at its time; the canceled one, due at the same moment, never does.
    await waitFor(`bob to get “${kept.subject}”`, async () => (await bobHas(kept)) > 0, 30_000, 250);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await bobHas(canceled)).toBe(0);

    // Too late to cancel the one that went: words, not a silent failure.
    expect((await scheduledMail(s.client)).map((m) => m.messageId)).not.toContain(kept.messageId);
    await enqueue(s.mirror.db, s.accountId, { kind: 'cancelScheduled', submissionId: 'no-such-one', emailId: 'x', subject: kept.subject });
    flusher.wake(true);
    await waitFor('the late cancel to be answered', async () => (await items(s.mirror.db).count()) === 0);
    const notices = await listNotices(s.mirror.db, s.accountId);
    expect(notices.map((n) => n.text).join('\n')).toContain(`“${kept.subject}” could not be canceled: it was already sent.`);
  },
  90_000,
);
