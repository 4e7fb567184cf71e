/**
 * Drafts being written: kept in db.drafts and sent to the server as a saveDraft intent a
 * second after the person pauses, at least every few seconds while they type
 * (autosave.ts), on close, when the page is hidden and on pagehide: a reload or a crash
 * loses at most the last few seconds of typing.
 */
import DOMPurify from 'dompurify';
import { purifyTrustedTypes } from '../../sanitize/trustedTypes.ts';
import type { DraftContent } from '../../outbox/index.ts';
import type { MailDb } from '../../store/index.ts';
import { formatAddresses } from './addresses.ts';
import {
  attribution,
  forwardHeader,
  forwardSubject,
  inReplyTo,
  quotePlain,
  referencesFor,
  replyRecipients,
  replySubject,
  type ReplyOriginal,
} from './reply.ts';

export interface DraftRowContent {
  id: string;
  accountId: string;
  updatedAt: number;
  content: DraftContent;
  rich: boolean;
  /** The quote holds only the start of the original (it was not on the device, offline). */
  partialQuote?: boolean;
  /** What the person wrote in To/Cc/Bcc that is not an address (bad chips): kept here, never sent. */
  badRecipients?: Partial<Record<'to' | 'cc' | 'bcc', string[]>>;
  /** Written by src/outbox when a save lands (src/store DraftRow). */
  serverId?: string;
  landedAt?: number;
  seenOnServer?: boolean;
}

export function emptyDraft(from: DraftContent['from']): DraftContent {
  return { from, to: [], cc: [], bcc: [], subject: '', textBody: '', attachments: [], draftMessageId: draftMessageId(from.email) };
}

/**
 * The Message-ID every server copy of one composition carries (src/outbox destroys the
 * copies before each new one by it): made once when the draft starts, kept with it.
 */
export function draftMessageId(fromEmail: string): string {
  return `${crypto.randomUUID()}@${fromEmail.split('@')[1] || 'localhost'}`;
}

// What the editor offers, plus the structure a quoted HTML mail keeps (tables, headings).
const EDITOR_HTML = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'div',
    'span',
    'b',
    'strong',
    'i',
    'em',
    'u',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'table',
    'thead',
    'tbody',
    'tr',
    'td',
    'th',
    'img',
  ],
  ALLOWED_ATTR: ['href', 'type', 'src', 'alt'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|cid:)/i,
};

const NO_IMAGES: ReadonlySet<string> = new Set();

/**
 * The only images rich text keeps are the message's own (`cid:` of an inline image it
 * carries, useInlineImages.ts): a remote one would be fetched by the editor and by every
 * reader, a quoted mail's cid names a part this message does not carry.
 */
function keepOwnImages(root: ParentNode, cids: ReadonlySet<string>) {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (!src.startsWith('cid:') || !cids.has(src.slice(4))) img.remove();
  }
}

/** Outgoing rich text: only the formatting the editor offers survives, and the images of `cids`. */
export function cleanOutgoingHtml(html: string, cids = NO_IMAGES): string {
  if (!/<img/i.test(html)) return DOMPurify.sanitize(html, { ...EDITOR_HTML, ...purifyTrustedTypes() });
  const box = document.createElement('div');
  box.append(editorFragment(html, cids));
  return box.innerHTML;
}

/** Rich text for the editor, as nodes (no markup sink: the page runs under Trusted Types). */
export function editorFragment(html: string, cids = NO_IMAGES): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, { ...EDITOR_HTML, ...purifyTrustedTypes(), RETURN_DOM_FRAGMENT: true });
  keepOwnImages(fragment, cids);
  return fragment;
}

/** Keeps the draft; what the outbox wrote about its server copy since it was loaded stays. */
export async function saveDraftRow(db: MailDb, row: DraftRowContent): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const was = await db.drafts.get(row.id);
    await db.drafts.put({
      ...row,
      serverId: was?.serverId,
      landedAt: was?.landedAt,
      seenOnServer: was?.seenOnServer,
      updatedAt: Date.now(),
    });
  });
}

/** The text a reply quotes or a forward carries: plain always, sanitized HTML when the original had only that. */
export interface QuoteSource {
  text: string;
  /** Already made safe (quoteHtml.ts); null for plain-text mail. */
  html: string | null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const paragraphs = (lines: readonly string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');

/**
 * Reply, reply all and forward, prefilled from the original (see reply.ts). `mine`: the
 * person's own addresses, left out of reply all. HTML-only mail starts in rich text with
 * its sanitized HTML in a blockquote; the plain version always quotes as `> ` lines.
 */
export function prefill(
  mode: 'reply' | 'replyAll' | 'forward',
  original: ReplyOriginal,
  quote: QuoteSource,
  mine: readonly string[],
  locale?: string,
  timeZone?: string,
): { content: Partial<DraftContent>; rich: boolean } {
  const rich = quote.html !== null;
  if (mode === 'forward') {
    const header = forwardHeader(original, formatAddresses, locale, timeZone);
    return {
      rich,
      content: {
        subject: forwardSubject(original.subject),
        textBody: `\n\n${header.join('\n')}\n\n${quote.text}`,
        ...(rich ? { htmlBody: `<p><br></p>${paragraphs(header)}<div>${quote.html}</div>` } : {}),
      },
    };
  }
  // Recipients stay structured, exactly as the server parsed the headers: a display
  // name is never turned into text and read back here (Compose sends this list as is
  // unless the person edits the field). An entry without an address cannot be sent to.
  const { to, cc } = replyRecipients(mode, original, mine);
  const said = attribution(original, locale, timeZone);
  return {
    rich,
    content: {
      to,
      cc,
      subject: replySubject(original.subject),
      textBody: `\n\n${said}\n${quotePlain(quote.text)}`,
      ...(rich ? { htmlBody: `<p><br></p>${paragraphs([said])}<blockquote type="cite">${quote.html}</blockquote>` } : {}),
      inReplyTo: inReplyTo(original),
      references: referencesFor(original),
    },
  };
}
