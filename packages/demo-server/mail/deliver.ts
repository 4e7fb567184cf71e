import { writeAccount, type Services } from '../methods/context.ts';
import { splitHeaderBlock } from '../mime/headers.ts';
import type { Db } from '../data/db.ts';
import type { EmailRow } from '../data/emails.ts';
import { mailboxByRole } from '../data/mailboxes.ts';
import type { User } from '../data/users.ts';
import { prepareMessage, storeMessage, utcDate } from './ingest.ts';
import { vacationReply } from './vacation-reply.ts';

/**
 * Mail arriving at a local user (from EmailSubmission or the test control endpoint):
 * a new Email with its own ids in the recipient's Inbox, unread, and an EmailDelivery
 * state change for push.
 */
export async function deliverToUser(services: Services, user: User, raw: Buffer): Promise<EmailRow> {
  const prepared = await prepareMessage(raw);
  const inbox = mailboxByRole(services.db, user.accountId, 'inbox');
  if (!inbox) throw new Error(`${user.username} has no Inbox to deliver to`);
  const row = writeAccount(services, user.accountId, (rec) => {
    const row = storeMessage(services.db, rec, user.accountId, prepared, {
      mailboxIds: { [inbox.id]: true },
      keywords: {},
      receivedAt: utcDate(services.now()),
    });
    rec.record('EmailDelivery', row.id, 'created');
    return row;
  });
  const reply = await vacationReply(services, user, row);
  if (reply?.local) await deliverToUser(services, reply.local, reply.raw);
  else if (reply) logOutbound(services.db, user.accountId, 'vacation', user.email, [reply.to], reply.raw, services.now());
  return row;
}

/** The message as it travels: without Bcc header fields (RFC 8621 7: the server removes them). */
export function withoutBcc(raw: Buffer): Buffer {
  const { headerEnd } = splitHeaderBlock(raw);
  const head = raw.subarray(0, headerEnd).toString('utf8');
  const kept = head.replace(/^Bcc:.*(?:\r?\n[ \t].*)*(?:\r?\n)?/gim, '');
  if (kept === head) return raw;
  return Buffer.concat([Buffer.from(kept, 'utf8'), raw.subarray(headerEnd)]);
}

export interface OutboundEntry {
  seq: number;
  submissionId: string;
  mailFrom: string;
  rcptTo: string[];
  at: string;
  raw: string;
}

/** Mail to addresses outside the demo is only logged, never sent anywhere. */
export function logOutbound(
  db: Db,
  accountId: string,
  submissionId: string,
  mailFrom: string,
  rcptTo: string[],
  raw: Buffer,
  at: Date,
): void {
  db.prepare('INSERT INTO outbound (accountId, submissionId, mailFrom, rcptTo, at, raw) VALUES (?, ?, ?, ?, ?, ?)').run(
    accountId,
    submissionId,
    mailFrom,
    JSON.stringify(rcptTo),
    at.toISOString(),
    raw,
  );
}

export function listOutbound(db: Db, accountId: string): OutboundEntry[] {
  const rows = db
    .prepare('SELECT seq, submissionId, mailFrom, rcptTo, at, raw FROM outbound WHERE accountId = ? ORDER BY seq')
    .all(accountId) as {
    seq: number;
    submissionId: string;
    mailFrom: string;
    rcptTo: string;
    at: string;
    raw: Buffer;
  }[];
  return rows.map((r) => ({ ...r, rcptTo: JSON.parse(r.rcptTo) as string[], raw: r.raw.toString('utf8') }));
}
