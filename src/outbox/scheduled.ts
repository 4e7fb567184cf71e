/**
 * Mail the server holds to send later: its pending EmailSubmissions (RFC 8621 7,
 * `undoStatus: 'pending'`), soonest first, each with its message's subject and
 * recipients. Asked of the server (not mirrored): a scheduled message is a submission,
 * not an email the sync engine keeps. Cyrus 3.6 forgets a submission once sent or
 * canceled, so only pending ones are listed anywhere.
 */
import type { EmailAddress, JmapClient } from '../jmap/index.ts';

export interface ScheduledMail {
  submissionId: string;
  emailId: string;
  /** When it goes (UTC, from the server). */
  sendAt: string;
  subject: string;
  to: EmailAddress[];
  messageId: string | null;
}

export async function scheduledMail(client: JmapClient): Promise<ScheduledMail[]> {
  const batch = client.batch();
  const query = batch.call('EmailSubmission/query', { filter: { undoStatus: 'pending' }, sort: [{ property: 'sentAt' }] });
  const subs = batch.call('EmailSubmission/get', { '#ids': query.ref('/ids'), properties: ['emailId', 'sendAt', 'undoStatus'] });
  const emails = batch.call('Email/get', {
    '#ids': subs.ref('/list/*/emailId'),
    properties: ['subject', 'to', 'cc', 'bcc', 'messageId'],
  });
  await batch.send();
  for (const call of [query, subs, emails]) if (call.error) throw call.error;
  const byId = new Map(emails.result.list.map((e) => [e.id, e]));
  return subs.result.list
    .filter((s) => s.undoStatus === 'pending')
    .map((s) => {
      const e = byId.get(s.emailId);
      return {
        submissionId: s.id,
        emailId: s.emailId,
        sendAt: s.sendAt ?? '',
        subject: e?.subject ?? '',
        to: [...(e?.to ?? []), ...(e?.cc ?? []), ...(e?.bcc ?? [])],
        messageId: e?.messageId?.[0] ?? null,
      };
    })
    .sort((a, b) => (a.sendAt < b.sendAt ? -1 : a.sendAt > b.sendAt ? 1 : 0));
}
