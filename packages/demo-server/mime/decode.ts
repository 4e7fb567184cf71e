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

/**
 * Quoted-printable (RFC 2045 6.7) decoded byte for byte. postal-mime's own decoder turns
 * CRLF into LF and appends a final line break, so part sizes and downloaded blobs would
 * differ from what the sender encoded; this one keeps line breaks as they are.
 */
export function decodeQuotedPrintable(input: Buffer): Buffer {
  const out = Buffer.alloc(input.length);
  let n = 0;
  const hex = (c: number | undefined) =>
    c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    // Soft line break: "=" then optional whitespace then CRLF or LF.
    let j = i + 1;
    while (input[j] === 0x20 || input[j] === 0x09) j++;
    if (input[j] === 0x0d && input[j + 1] === 0x0a) {
      i = j + 1;
      continue;
    }
    if (input[j] === 0x0a || j >= input.length) {
      i = j;
      continue;
    }
    const hi = hex(input[i + 1]);
    const lo = hex(input[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** The part's content after transfer decoding (RFC 8621: what its blobId downloads). */
export async function decodeBytes(buf: Buffer, part: MimePart): Promise<Buffer> {
  const body = buf.subarray(part.bodyStart, part.bodyEnd);
  if (part.transferEncoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (part.transferEncoding !== 'base64') return Buffer.from(body);
  const parsed = await PostalMime.parse(wrap(buf, part, 'application/octet-stream', 'Content-Disposition: attachment\r\n'), {
    attachmentEncoding: 'arraybuffer',
  });
  const content = parsed.attachments[0]?.content;
  if (content instanceof ArrayBuffer) return Buffer.from(content);
  if (content instanceof Uint8Array) return Buffer.from(content);
  return Buffer.alloc(0);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A text part's content as a string (RFC 8621 4.1.4 bodyValues: transfer encoding and
 * charset decoded, CRLF turned into LF). isEncodingProblem: unknown charset or bytes
 * that are not valid in it (they become U+FFFD).
 */
export async function decodeText(buf: Buffer, part: MimePart): Promise<{ value: string; isEncodingProblem: boolean }> {
  const bytes = await decodeBytes(buf, part);
  const charset = part.charset ?? 'us-ascii';
  let value: string;
  let problem = false;
  try {
    // Mail labelled us-ascii often carries UTF-8 8bit text; read it as such when it is valid.
    const label = charset === 'us-ascii' || charset === 'ascii' ? (isUtf8(bytes) ? 'utf-8' : 'windows-1252') : charset;
    value = new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch (e) {
    problem = true;
    // Unknown charset: read it as UTF-8; known but invalid bytes: replace them.
    const known = !(e instanceof RangeError);
    value = new TextDecoder(known ? charset : 'utf-8').decode(bytes);
  }
  return { value: value.replace(/\r\n/g, '\n'), isEncodingProblem: problem };
}
