import { describe, expect, it } from 'vitest';
import { parseMessage } from './message.ts';

/** Builds a multipart body from child parts with a fixed boundary per level. */
function multipart(type: string, boundary: string, parts: string[]): string {
  return [
    `Content-Type: multipart/${type}; boundary="${boundary}"`,
    '',
    ...parts.flatMap((p) => [`--${boundary}`, p]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
const leaf = (type: string, label: string, extra = '') => `Content-Type: ${type}${extra ? `\r\n${extra}` : ''}\r\n\r\n${label}`;

describe('textBody, htmlBody and attachments follow the RFC 8621 4.1.4 algorithm', () => {
  it("classifies the RFC's own example structure", () => {
    // RFC 8621 4.1.4 example: A..J are the leaves.
    const body = multipart('mixed', 'b1', [
      leaf('text/plain', 'A'),
      multipart('mixed', 'b2', [
        multipart('alternative', 'b3', [
          multipart('mixed', 'b4', [leaf('text/plain', 'B'), leaf('image/jpeg', 'C')]),
          multipart('related', 'b5', [leaf('text/html', 'D'), leaf('image/jpeg', 'E')]),
        ]),
        leaf('image/jpeg', 'F'),
        leaf('application/x-excel', 'G'),
        leaf('message/rfc822', 'H'),
      ]),
      leaf('text/plain', 'J'),
    ]);
    const msg = parseMessage(Buffer.from('From: a@example.com\r\nSubject: structure\r\nMIME-Version: 1.0\r\n' + body));
    const label = (parts: { bodyStart: number; bodyEnd: number }[]) =>
      parts.map((p) => msg.buf.subarray(p.bodyStart, p.bodyEnd).toString().trim());
    expect(label(msg.textBody)).toEqual(['A', 'B', 'C', 'F', 'J']);
    expect(label(msg.htmlBody)).toEqual(['A', 'D', 'F', 'J']);
    expect(label(msg.attachments)).toEqual(['C', 'E', 'G', 'H']);
    // Leaves are numbered depth first; multiparts have no partId.
    expect(msg.root.partId).toBeNull();
    expect(msg.textBody.map((p) => p.partId)).toEqual(['1', '2', '3', '6', '9']);
  });

  it('treats a named text part after the first, and any part marked attachment, as attachments', () => {
    const body = multipart('mixed', 'x', [
      leaf('text/plain', 'body'),
      leaf('text/plain', 'notes', 'Content-Disposition: inline; filename="notes.txt"'),
      leaf('text/html', '<p>x</p>', 'Content-Disposition: attachment'),
    ]);
    const msg = parseMessage(Buffer.from('Subject: s\r\n' + body));
    expect(msg.textBody).toHaveLength(1);
    expect(msg.attachments.map((p) => p.name ?? p.type)).toEqual(['notes.txt', 'text/html']);
  });

  it('reads a message without MIME headers as one text/plain part, and survives a missing closing boundary', () => {
    const plain = parseMessage(Buffer.from('Subject: old\r\n\r\nJust text\r\n'));
    expect(plain.root).toMatchObject({ type: 'text/plain', charset: 'us-ascii', partId: '1' });
    const broken = parseMessage(
      Buffer.from('Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nhalf'),
    );
    expect(broken.textBody).toHaveLength(1);
    expect(broken.buf.subarray(broken.textBody[0]!.bodyStart, broken.textBody[0]!.bodyEnd).toString()).toBe('half');
  });
});
