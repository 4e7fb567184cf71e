import MailComposer from 'nodemailer/lib/mail-composer';
import { getVacation, firstReplyTo } from '../data/vacation.ts';
import type { EmailRow } from '../data/emails.ts';
import { userByAddress, type User } from '../data/users.ts';
import type { Services } from '../methods/context.ts';
import { parseHeaderFields } from '../mime/headers.ts';
import { htmlToPlain } from '../mime/message.ts';

/**
 * RFC 8621 8: while a user's VacationResponse is on (and within its dates), the first
 * message from each sender gets an automatic reply. Replies are never sent to automatic
 * or list mail (RFC 3834), so two users on vacation do not answer each other forever.
 * Returns the reply as raw bytes and where it goes, or null.
 */
export async function vacationReply(
  services: Services,
  recipient: User,
  row: EmailRow,
): Promise<{ to: string; local: User | undefined; raw: Buffer } | null> {
  const v = getVacation(services.db, recipient.accountId);
  if (!v.isEnabled) return null;
  const now = services.now().getTime();
  if (v.fromDate && now < Date.parse(v.fromDate)) return null;
  if (v.toDate && now >= Date.parse(v.toDate)) return null;
  const headers = parseHeaderFields(row.headers);
  const field = (name: string) =>
    headers
      .find((h) => h.name.toLowerCase() === name)
      ?.value.trim()
      .toLowerCase();
  const auto = field('auto-submitted');
  if ((auto && auto !== 'no') || field('list-id') || ['bulk', 'list', 'junk'].includes(field('precedence') ?? '')) return null;
  const sender = row.meta.replyTo?.[0] ?? row.meta.from?.[0];
  if (!sender || sender.email.toLowerCase() === recipient.email.toLowerCase()) return null;
  if (!firstReplyTo(services.db, recipient.accountId, sender.email)) return null;
  const original = row.meta.messageId?.[0];
  const node = new MailComposer({
    from: { name: recipient.name, address: recipient.email },
    to: { name: sender.name ?? '', address: sender.email },
    subject: v.subject ?? `Auto: ${row.meta.subject ?? ''}`.trim(),
    date: services.now(),
    inReplyTo: original ? `<${original}>` : undefined,
    references: original ? [...(row.meta.references ?? []), original].map((id) => `<${id}>`) : undefined,
    text: v.textBody ?? (v.htmlBody ? htmlToPlain(v.htmlBody) : `${recipient.name} is away and will read your message later.`),
    html: v.htmlBody ?? undefined,
    headers: { 'Auto-Submitted': 'auto-replied' },
  }).compile();
  return { to: sender.email, local: userByAddress(services.db, sender.email), raw: await node.build() };
}
