import type { EmailAddress, EmailHeader } from '../wire.ts';
import { decodeText } from './decode.ts';
import { asAddresses, asDate, asMessageIds, asText } from './headers.ts';
import { classifyParts, leaves, parseMimeTree, type MimePart } from './structure.ts';

/** A parsed message: its bytes, its MIME tree and RFC 8621's three body lists. */
export interface ParsedMessage {
  buf: Buffer;
  root: MimePart;
  textBody: MimePart[];
  htmlBody: MimePart[];
  attachments: MimePart[];
}

/** The header-derived Email properties kept in the index (RFC 8621 4.1.3 convenience properties). */
export interface EmailMeta {
  messageId: string[] | null;
  inReplyTo: string[] | null;
  references: string[] | null;
  sender: EmailAddress[] | null;
  from: EmailAddress[] | null;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  replyTo: EmailAddress[] | null;
  subject: string | null;
  sentAt: string | null;
  hasAttachment: boolean;
  preview: string;
  /** Attachment file names, for the text filter. */
  attachmentNames: string[];
}

const cache = new Map<string, ParsedMessage>();
const CACHE_SIZE = 200;

export function parseMessage(buf: Buffer, cacheKey?: string): ParsedMessage {
  if (cacheKey) {
    const hit = cache.get(cacheKey);
    if (hit) {
      cache.delete(cacheKey);
      cache.set(cacheKey, hit);
      return hit;
    }
  }
  const root = parseMimeTree(buf);
  const parsed: ParsedMessage = { buf, root, ...classifyParts(root) };
  if (cacheKey) {
    cache.set(cacheKey, parsed);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return parsed;
}

function last(headers: EmailHeader[], name: string): string | undefined {
  const l = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]!.name.toLowerCase() === l) return headers[i]!.value;
  return undefined;
}

export function htmlToPlain(html: string): string {
  return html
    .replace(/<(style|script|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>|<\/tr>|<\/h[1-6]>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Visible text of the message body, for previews, search and snippets. */
export async function bodyText(msg: ParsedMessage): Promise<string> {
  const chunks: string[] = [];
  const parts = msg.textBody.length > 0 ? msg.textBody : msg.htmlBody;
  for (const part of parts) {
    if (!part.type.startsWith('text/')) continue;
    const { value } = await decodeText(msg.buf, part);
    chunks.push(part.type === 'text/html' ? htmlToPlain(value) : value);
  }
  return chunks.join('\n');
}

export function makePreview(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return [...collapsed].slice(0, 256).join('');
}

/** hasAttachment: any attachment that is not an image shown inline by its Content-ID. */
export function hasRealAttachment(msg: ParsedMessage): boolean {
  return msg.attachments.some((p) => p.disposition === 'attachment' || !p.cid || !msg.htmlBody.length);
}

export async function extractMeta(msg: ParsedMessage): Promise<{ meta: EmailMeta; text: string }> {
  const h = msg.root.headers;
  const addr = (name: string): EmailAddress[] | null => {
    const v = last(h, name);
    return v === undefined ? null : asAddresses(v);
  };
  const ids = (name: string): string[] | null => {
    const v = last(h, name);
    return v === undefined ? null : asMessageIds(v);
  };
  const subject = last(h, 'Subject');
  const date = last(h, 'Date');
  const text = await bodyText(msg);
  const attachmentNames = msg.attachments.map((p) => p.name).filter((n): n is string => !!n);
  return {
    text,
    meta: {
      messageId: ids('Message-ID'),
      inReplyTo: ids('In-Reply-To'),
      references: ids('References'),
      sender: addr('Sender'),
      from: addr('From'),
      to: addr('To'),
      cc: addr('Cc'),
      bcc: addr('Bcc'),
      replyTo: addr('Reply-To'),
      subject: subject === undefined ? null : asText(subject),
      sentAt: date === undefined ? null : asDate(date),
      hasAttachment: hasRealAttachment(msg),
      preview: makePreview(text),
      attachmentNames,
    },
  };
}

/** Leaves of type text/* anywhere in the message (fetchAllBodyValues). */
export function textLeaves(msg: ParsedMessage): MimePart[] {
  return [...leaves(msg.root)].filter((p) => p.type.startsWith('text/'));
}
