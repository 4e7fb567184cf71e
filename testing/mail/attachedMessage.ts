/**
 * A message that carries another message as an attachment (message/rfc822, RFC 2046
 * §5.2.1), which itself carries a file: what "Forward as attachment" makes, and what the
 * reader shows as a nested message with its own attachment.
 */
import { base64Lines } from './mime.ts';

export interface AttachedMessageParts {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  date?: Date;
  inner: { from: string; to: string; subject: string; html: string; fileName: string; fileText: string };
}

const rfcDate = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/** The attached message alone (its bytes, as the part's blob downloads). */
export function innerMessage(p: AttachedMessageParts): string {
  const date = p.date ?? new Date();
  return [
    `From: ${p.inner.from}`,
    `To: ${p.inner.to}`,
    `Subject: ${p.inner.subject}`,
    `Message-ID: <inner-${p.messageId}>`,
    `Date: ${rfcDate(new Date(date.getTime() - 86_400_000))}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="inner-b"',
    '',
    '--inner-b',
    'Content-Type: text/html; charset=utf-8',
    '',
    p.inner.html,
    '--inner-b',
    `Content-Type: text/plain; name="${p.inner.fileName}"`,
    `Content-Disposition: attachment; filename="${p.inner.fileName}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(p.inner.fileText).trimEnd(),
    '--inner-b--',
    '',
  ].join('\r\n');
}

export function messageWithAttachedMessage(p: AttachedMessageParts): string {
  const date = p.date ?? new Date();
  const inner = innerMessage(p);
  return [
    `From: ${p.from}`,
    `To: ${p.to}`,
    `Subject: ${p.subject}`,
    `Message-ID: <${p.messageId}>`,
    `Date: ${rfcDate(date)}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer-b"',
    '',
    '--outer-b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The message I was sent is attached.',
    '--outer-b',
    'Content-Type: message/rfc822; name="forwarded.eml"',
    'Content-Disposition: attachment; filename="forwarded.eml"',
    '',
    inner,
    '--outer-b--',
    '',
  ].join('\r\n');
}
