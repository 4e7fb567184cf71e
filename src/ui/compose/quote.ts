/**
 * What a reply quotes: the original's whole text, from the mirror when it holds it whole,
 * else asked of the host; offline, what the device has (the mirror's start of the text,
 * or the ~256-character preview) and the composer says the quote is partial.
 * HTML-only mail (RFC 8621: its textBody lists the HTML part) is quoted as HTML.
 * Pure: the page's DOM work (sanitizing, HTML to text) is quoteHtml.ts's.
 */
import type { EmailBodyPart } from '../../jmap/index.ts';
import type { BodyRecord } from '../../sync/index.ts';

/** A body as the mirror keeps it or the host answers it (src/host `body`). */
export type OriginalBody = Pick<BodyRecord, 'textBody' | 'htmlBody' | 'attachments' | 'bodyValues'> &
  Partial<Pick<BodyRecord, 'replyTo' | 'references'>>;

export type QuoteBody = Pick<OriginalBody, 'textBody' | 'htmlBody' | 'bodyValues'>;

export interface OriginalText {
  /** The text to quote, plain or HTML (not yet made safe). */
  value: string;
  html: boolean;
  /** Only the start of the message: the quote says so. */
  partial: boolean;
}

const joined = (body: QuoteBody, parts: readonly EmailBodyPart[]) =>
  parts.map((p) => (p.partId ? (body.bodyValues[p.partId]?.value ?? '') : '')).join('\n');

const cut = (body: QuoteBody, parts: readonly EmailBodyPart[]) =>
  parts.some((p) => p.partId && body.bodyValues[p.partId]?.isTruncated === true);

/** True when the body holds all of the text a quote would take. */
export function wholeText(body: QuoteBody): boolean {
  return !cut(body, htmlOnly(body) ? body.htmlBody : body.textBody);
}

function htmlOnly(body: QuoteBody): boolean {
  return body.textBody.length > 0 && body.textBody.every((p) => p.type === 'text/html');
}

/** The text of a body to quote: its plain text, or its HTML when it has no plain version. */
export function originalText(body: QuoteBody | null, preview: string): OriginalText {
  if (!body || (!body.textBody.length && !body.htmlBody.length)) return { value: preview, html: false, partial: !body };
  if (htmlOnly(body)) return { value: joined(body, body.htmlBody), html: true, partial: cut(body, body.htmlBody) };
  return { value: joined(body, body.textBody), html: false, partial: cut(body, body.textBody) };
}

/** Said in the composer when the quote is not the whole message. */
export const PARTIAL_QUOTE_WORDS =
  'Only the start of the original message is on this device, so the quote below is partial. Go online before replying to quote all of it.';
