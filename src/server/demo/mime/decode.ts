import PostalMime from 'postal-mime';
import type { MimePart } from './structure.ts';

/**
 * Decoding one leaf of a message with postal-mime: the leaf's body is wrapped in a
 * minimal header block that names only what decoding needs (transfer encoding, and
 * charset for text), so postal-mime hands back the decoded bytes or text unchanged by
 * any display logic (no HTML-to-text, no attachment guessing).
 */

const KNOWN_TRANSFER = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);

function wrap(buf: Buffer, part: MimePart, contentType: string, extra = ''): Buffer {
  const cte = KNOWN_TRANSFER.has(part.transferEncoding) ? part.transferEncoding : '8bit';
  const head = `Content-Type: ${contentType}\r\nContent-Transfer-Encoding: ${cte}\r\n${extra}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), buf.subarray(part.bodyStart, part.bodyEnd)]);
}

/** The part's content after transfer decoding (RFC 8621: what its blobId downloads). */
export async function decodeBytes(buf: Buffer, part: MimePart): Promise<Buffer> {
  if (part.transferEncoding !== 'base64' && part.transferEncoding !== 'quoted-printable') {
    return Buffer.from(buf.subarray(part.bodyStart, part.bodyEnd));
  }
  const parsed = await PostalMime.parse(wrap(buf, part, 'application/octet-stream', 'Content-Disposition: attachment\r\n'), {
    attachmentEncoding: 'arraybuffer',
  });
  const content = parsed.attachments[0]?.content;
  if (content instanceof ArrayBuffer) return Buffer.from(content);
  if (content instanceof Uint8Array) return Buffer.from(content);
  return Buffer.alloc(0);
}

function charsetKnown(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

/** A text part's content as a string; isEncodingProblem when the charset is unknown or bytes did not decode. */
export async function decodeText(buf: Buffer, part: MimePart): Promise<{ value: string; isEncodingProblem: boolean }> {
  const charset = part.charset ?? 'us-ascii';
  const known = charsetKnown(charset);
  const parsed = await PostalMime.parse(wrap(buf, part, `text/plain; charset="${known ? charset : 'utf-8'}"`));
  const value = parsed.text ?? '';
  return { value, isEncodingProblem: !known || value.includes('\uFFFD') };
}
