/**
 * Replies and forwards as RFC 5322 §3.6.4 and the best clients make them: who a reply
 * goes to, its In-Reply-To and References, its subject, the attribution line and the
 * quote. Pure: the compose window feeds it the original from the mirror (and its
 * Reply-To and References from the body, fetched when not on the device).
 */
import type { DraftContent } from '../../outbox/index.ts';
import type { EmailRecord } from '../../sync/index.ts';
import type { Recipient } from './addresses.ts';

type Listed = EmailRecord['from'];

/** What a reply or forward reads of the original. */
export type ReplyOriginal = Pick<EmailRecord, 'from' | 'to' | 'cc' | 'subject' | 'messageId' | 'sentAt' | 'receivedMs'> & {
  replyTo?: Listed;
  references?: string[] | null;
};

/** A References header longer than this keeps its first id and the newest ones. */
export const MAX_REFERENCES = 20;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The entries that have an address, structured as the server parsed them. */
function people(list: Listed): Recipient[] {
  return (list ?? []).filter((a) => a.email).map((a) => ({ name: a.name ?? null, email: a.email }));
}

function withoutRepeats(list: readonly Recipient[], already: readonly Recipient[] = []): Recipient[] {
  const out: Recipient[] = [];
  for (const a of list) if (![...already, ...out].some((b) => same(a.email, b.email))) out.push(a);
  return out;
}

/**
 * Reply: to Reply-To when the original has one, else From; a message the person sent
 * themselves goes to its original To again. Reply all adds the original To and Cc as Cc,
 * leaving out the person's own addresses (`mine`) and anyone already there.
 */
export function replyRecipients(
  mode: 'reply' | 'replyAll',
  original: ReplyOriginal,
  mine: readonly string[],
): { to: Recipient[]; cc: Recipient[] } {
  const isMine = (a: Recipient) => mine.some((m) => same(m, a.email));
  const fromMe = people(original.from).some(isMine);
  const replyTo = people(original.replyTo ?? null);
  const to = withoutRepeats(fromMe ? people(original.to) : replyTo.length ? replyTo : people(original.from));
  if (mode === 'reply') return { to, cc: [] };
  const others = fromMe ? people(original.cc) : [...people(original.to), ...people(original.cc)];
  return {
    to,
    cc: withoutRepeats(
      others.filter((a) => !isMine(a)),
      to,
    ),
  };
}

/** In-Reply-To: the parent's Message-ID. */
export function inReplyTo(original: ReplyOriginal): string[] {
  return [...(original.messageId ?? [])];
}

/**
 * References: the parent's References followed by the parent's Message-ID, each once.
 * A very long chain keeps the thread's first id and the newest ones (what threading
 * needs; the ids between are the ones clients drop).
 */
export function referencesFor(original: ReplyOriginal): string[] {
  const chain: string[] = [];
  for (const id of [...(original.references ?? []), ...(original.messageId ?? [])]) if (!chain.includes(id)) chain.push(id);
  if (chain.length <= MAX_REFERENCES) return chain;
  return [chain[0]!, ...chain.slice(chain.length - (MAX_REFERENCES - 1))];
}

const REPLY_PREFIXES = /^\s*((re|aw|sv|antw|vs)(\[\d+\])?\s*:\s*)+/i;
const FORWARD_PREFIXES = /^\s*((fwd?|wg|tr|vs)\s*:\s*)+/i;

/** One "Re: ", never "Re: Re: ". */
export function replySubject(subject: string | null): string {
  return `Re: ${(subject ?? '').replace(REPLY_PREFIXES, '')}`;
}

/** One "Fwd: ". */
export function forwardSubject(subject: string | null): string {
  return `Fwd: ${(subject ?? '').replace(FORWARD_PREFIXES, '')}`;
}

/** When the original was written (its Date header), else when it arrived. */
function writtenAt(original: ReplyOriginal): Date {
  const sent = original.sentAt ? Date.parse(original.sentAt) : NaN;
  return new Date(Number.isNaN(sent) ? original.receivedMs : sent);
}

/** A date as the person's locale writes it, without seconds ("1 Dec 2026, 06:58"). */
export function quoteDate(when: Date, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(when);
}

function senderName(original: ReplyOriginal): string {
  const first = original.from?.[0];
  return first?.name || first?.email || 'someone';
}

/** "On 1 Dec 2026, 06:58, Ann Example wrote:" */
export function attribution(original: ReplyOriginal, locale?: string, timeZone?: string): string {
  return `On ${quoteDate(writtenAt(original), locale, timeZone)}, ${senderName(original)} wrote:`;
}

/** Plain text quoted as `> ` lines (an empty line is a bare `>`). */
export function quotePlain(text: string): string {
  return text
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

/** The header block of an inline forward. */
export function forwardHeader(original: ReplyOriginal, format: (list: Recipient[]) => string, locale?: string, timeZone?: string) {
  return [
    '---------- Forwarded message ----------',
    `From: ${format(people(original.from))}`,
    `Date: ${quoteDate(writtenAt(original), locale, timeZone)}`,
    `Subject: ${original.subject ?? ''}`,
    `To: ${format(people(original.to))}`,
    ...(original.cc?.length ? [`Cc: ${format(people(original.cc))}`] : []),
  ];
}

type Attachment = DraftContent['attachments'][number];
type ListedPart = { blobId?: string | null; name?: string | null; type?: string | null; size?: number | null };

/**
 * What a forward carries, by blob id (nothing is uploaded again): inline, the original's
 * attachments; as an attachment, the original message itself (message/rfc822), which
 * holds its attachments. A message without a blob id can only be forwarded inline.
 */
export function forwardAttachments(
  original: Pick<EmailRecord, 'blobId' | 'subject' | 'size'>,
  attachments: readonly ListedPart[],
  asAttachment: boolean,
): Attachment[] {
  if (asAttachment && original.blobId) {
    // eslint-disable-next-line no-control-regex -- a file name holds no control characters
    const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g;
    const name = `${(original.subject ?? '').replace(unsafe, ' ').replace(/\s+/g, ' ').trim() || 'message'}.eml`;
    return [{ blobId: original.blobId, name, type: 'message/rfc822', size: original.size }];
  }
  return attachments.flatMap((a) =>
    a.blobId ? [{ blobId: a.blobId, name: a.name || 'attachment', type: a.type || 'application/octet-stream', size: a.size ?? 0 }] : [],
  );
}
