/**
 * The body of a message the outbox creates (Email/set, RFC 8621 §4.6). Without inline
 * images the server builds the structure from textBody + htmlBody + attachments
 * (multipart/alternative, inside multipart/mixed with files). With images shown in the
 * HTML (`cid:` references, DraftAttachment.cid) it is given whole as bodyStructure, since
 * the flat properties cannot say which parts belong with the HTML:
 *
 *   multipart/mixed            (only with other files)
 *     multipart/alternative
 *       text/plain
 *       multipart/related      (RFC 2387: the HTML first, then what it references)
 *         text/html
 *         image/…              (disposition inline, Content-ID = the cid)
 *     files…                   (disposition attachment)
 *
 * An inline image whose cid the HTML does not reference (removed from the message) is not
 * sent; without HTML (plain text) such images go as ordinary attachments, nothing lost.
 */
import type { EmailBodyPart, EmailCreate } from '../jmap/index.ts';

export interface BodyBlob {
  blobId: string;
  name: string;
  type: string;
  /** Shown in the HTML as `cid:<cid>`. */
  cid?: string;
}

type Body = Pick<EmailCreate, 'bodyValues' | 'textBody' | 'htmlBody' | 'attachments' | 'bodyStructure'>;

const filePart = (b: BodyBlob): EmailBodyPart => ({ blobId: b.blobId, type: b.type, name: b.name, disposition: 'attachment' });

/** An inline image the HTML no longer shows: neither uploaded nor sent (its bytes go with the send). */
export function leftOut(attachment: { cid?: string }, htmlBody: string | undefined): boolean {
  return !!attachment.cid && !!htmlBody && !htmlBody.includes(`cid:${attachment.cid}`);
}

export function emailBody(textBody: string, htmlBody: string | undefined, blobs: BodyBlob[]): Body {
  const bodyValues = { t: { value: textBody }, ...(htmlBody ? { h: { value: htmlBody } } : {}) };
  const inline = htmlBody ? blobs.filter((b) => b.cid && !leftOut(b, htmlBody)) : [];
  const files = blobs.filter((b) => !b.cid || !htmlBody).map(filePart);
  if (!inline.length) {
    return {
      bodyValues,
      textBody: [{ partId: 't', type: 'text/plain' }],
      ...(htmlBody ? { htmlBody: [{ partId: 'h', type: 'text/html' }] } : {}),
      ...(files.length ? { attachments: files } : {}),
    };
  }
  const related: EmailBodyPart = {
    type: 'multipart/related',
    subParts: [
      { partId: 'h', type: 'text/html' },
      ...inline.map((b) => ({ blobId: b.blobId, type: b.type, name: b.name, disposition: 'inline', cid: b.cid })),
    ],
  };
  const alternative: EmailBodyPart = { type: 'multipart/alternative', subParts: [{ partId: 't', type: 'text/plain' }, related] };
  return {
    bodyValues,
    bodyStructure: files.length ? { type: 'multipart/mixed', subParts: [alternative, ...files] } : alternative,
  };
}
