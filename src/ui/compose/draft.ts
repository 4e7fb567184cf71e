/**
 * Drafts being written: kept in db.drafts (saved every few seconds and on close, so a
 * reload or a crash loses at most a few seconds of typing), and pushed to the server as a
 * saveDraft intent when the window closes.
 */
import DOMPurify from 'dompurify';
import { purifyTrustedTypes } from '../../sanitize/trustedTypes.ts';
import type { DraftContent } from '../../outbox/index.ts';
import type { MailDb } from '../../store/index.ts';
import type { EmailRecord } from '../../sync/index.ts';
import { formatAddresses, type Recipient } from './addresses.ts';

export interface DraftRowContent {
  id: string;
  accountId: string;
  updatedAt: number;
  content: DraftContent;
  rich: boolean;
}

export function emptyDraft(from: DraftContent['from']): DraftContent {
  return { from, to: [], cc: [], bcc: [], subject: '', textBody: '', attachments: [] };
}

/** Outgoing rich text: only the formatting the editor offers survives. */
export function cleanOutgoingHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: ['p', 'br', 'div', 'b', 'strong', 'i', 'em', 'u', 'a', 'ul', 'ol', 'li', 'blockquote'],
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    ...purifyTrustedTypes(),
  });
}

export async function saveDraftRow(db: MailDb, row: DraftRowContent): Promise<void> {
  await db.drafts.put({ ...row, updatedAt: Date.now() });
}

/** Reply, reply all and forward, prefilled from the original in the mirror. */
export function prefill(
  mode: 'reply' | 'replyAll' | 'forward',
  original: EmailRecord,
  quotedText: string,
  me: string,
): Partial<DraftContent> {
  const subject = original.subject ?? '';
  const base = subject.replace(/^\s*((re|fwd?|aw|sv)\s*:\s*)+/i, '');
  const quote = quotedText
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const from = original.from ?? [];
  const when = new Date(original.receivedMs).toLocaleString();
  if (mode === 'forward') {
    return {
      subject: `Fwd: ${base}`,
      textBody: `\n\n---------- Forwarded message ----------\nFrom: ${formatAddresses(from)}\nDate: ${when}\nSubject: ${subject}\n\n${quotedText}`,
    };
  }
  // Recipients stay structured, exactly as the server parsed the headers: a display
  // name is never turned into text and read back here (Compose sends this list as is
  // unless the person edits the field). An entry without an address cannot be sent to.
  const people = (list: EmailRecord['from']): Recipient[] =>
    (list ?? []).filter((a) => a.email).map((a) => ({ name: a.name ?? null, email: a.email }));
  const notMe = (a: Recipient) => a.email.toLowerCase() !== me.toLowerCase();
  const to = people(original.from);
  const cc =
    mode === 'replyAll'
      ? people([...(original.to ?? []), ...(original.cc ?? [])])
          .filter(notMe)
          .filter((a) => !to.some((t) => t.email.toLowerCase() === a.email.toLowerCase()))
      : [];
  const refs = [...(original.messageId ?? [])];
  return {
    to,
    cc,
    subject: `Re: ${base}`,
    textBody: `\n\nOn ${when}, ${from[0]?.name || from[0]?.email || 'someone'} wrote:\n${quote}`,
    inReplyTo: refs,
    references: refs,
  };
}
