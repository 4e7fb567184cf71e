/**
 * The one small test message: RFC 5322, plain text, CRLF line ends. The Subject goes out
 * as RFC 2047 encoded words when it is not ASCII. Needed, not cosmetic: Cyrus 3.6 turns
 * raw 8-bit bytes in headers into "X" (a subject "ü" came back as "XX").
 */
import { encodedWords } from './mime.ts';

export interface RawMessageParts {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  body?: string;
  inReplyTo?: string;
  date?: Date;
}

/** Header text as it is when ASCII, else RFC 2047 encoded words. */
function headerText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text : encodedWords(text);
}

export function rawMessage(p: RawMessageParts): string {
  return [
    `From: ${p.from}`,
    `To: ${p.to}`,
    `Subject: ${headerText(p.subject)}`,
    `Message-ID: <${p.messageId}>`,
    ...(p.inReplyTo ? [`In-Reply-To: <${p.inReplyTo}>`, `References: <${p.inReplyTo}>`] : []),
    `Date: ${(p.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    p.body ?? `Hello, this is ${p.subject}.`,
    '',
  ].join('\r\n');
}
