/**
 * What the send-later engine tests share: a send scheduled through the outbox, and the
 * server-side checks (held submissions, what bob received). Both backends hold mail
 * themselves (Cyrus: calalarmd; demo: its release timer), so the tests wait real seconds.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '../wait.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { items } from '../../src/outbox/tables.ts';
import { scheduledMail } from '../../src/outbox/scheduled.ts';
import type { JmapClient } from '../../src/jmap/index.ts';
import { aliceToBob, byMessageId, type Signed } from './outbox.ts';

/** How far ahead the tests schedule: long enough to look before, short enough to wait for. */
export const AHEAD_MS = 12_000;

export interface Scheduled {
  subject: string;
  sendAt: number;
  messageId: string;
}

/** Queues a send for `AHEAD_MS` from now (nothing flushes it here, nothing asks the server); its Message-ID is the one bob will see. */
export async function scheduleSend(s: Signed, label: string): Promise<Scheduled> {
  const subject = `${label} ${randomUUID().slice(0, 8)}`;
  const sendAt = Date.now() + AHEAD_MS;
  const id = await enqueue(s.mirror.db, s.accountId, {
    kind: 'send',
    draftId: `later-${subject}`,
    // Picked by the send pass when it goes (as for a send written before the identities were fetched): no request here, so this works offline.
    identityId: '',
    holdMs: 0,
    sendAt,
    content: aliceToBob(subject, 'Later, please.'),
  });
  const messageId = (await items(s.mirror.db).get(id))!.messageId!;
  return { subject, sendAt, messageId };
}

/** The server's held submission of that message, once the outbox has handed it over. */
export async function heldOn(client: JmapClient, sent: Scheduled) {
  return waitFor(`the server to hold “${sent.subject}”`, async () => {
    const list = await scheduledMail(client);
    return list.find((m) => m.messageId === sent.messageId);
  });
}

/** How many copies bob has of it. */
export async function bobHas(sent: Scheduled): Promise<number> {
  return (await byMessageId('bob', sent.messageId)).length;
}
