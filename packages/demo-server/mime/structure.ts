import type { EmailHeader } from '../wire.ts';
import { asText, decodeHeaderBytes, parseHeaderFields, parseStructured, splitHeaderBlock } from './headers.ts';

/**
 * The MIME tree of a message, as RFC 8621's bodyStructure needs it: every part with its
 * own raw headers and the byte range of its (still transfer-encoded) body. postal-mime
 * decodes content but does not expose the tree, so the boundaries are found here and
 * each leaf is handed to postal-mime for decoding (see decode.ts).
 *
 * Leaves get partIds "1", "2", ... in depth-first order; multipart nodes have none.
 * message/rfc822 parts are leaves, as RFC 8621 4.1.4 has it.
 */
export interface MimePart {
  partId: string | null;
  headers: EmailHeader[];
  type: string;
  charset: string | null;
  disposition: string | null;
  name: string | null;
  cid: string | null;
  language: string[] | null;
  location: string | null;
  transferEncoding: string;
  /** Byte range of the encoded body inside the whole message. */
  bodyStart: number;
  bodyEnd: number;
  subParts: MimePart[] | null;
}

const MAX_DEPTH = 40;

export function parseMimeTree(buf: Buffer): MimePart {
  const counter = { n: 0 };
  return parsePart(buf, 0, buf.length, 'text/plain', counter, 0);
}

function decodeHeaderBlock(buf: Buffer, start: number, end: number): string {
  return decodeHeaderBytes(buf.subarray(start, end));
}

function parsePart(buf: Buffer, start: number, end: number, defaultType: string, counter: { n: number }, depth: number): MimePart {
  const { headerEnd, bodyStart } = splitHeaderBlock(buf, start, end);
  const headers = parseHeaderFields(decodeHeaderBlock(buf, start, headerEnd));
  const get = (name: string): string | undefined => {
    const lname = name.toLowerCase();
    for (let i = headers.length - 1; i >= 0; i--) if (headers[i]!.name.toLowerCase() === lname) return headers[i]!.value;
    return undefined;
  };
  const ctRaw = get('Content-Type');
  const ct = ctRaw ? parseStructured(ctRaw) : { value: defaultType, params: {} as Record<string, string> };
  let type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(ct.value) ? ct.value : defaultType;
  const cdRaw = get('Content-Disposition');
  const cd = cdRaw ? parseStructured(cdRaw) : null;
  const cidRaw = get('Content-ID');
  const langRaw = get('Content-Language');
  const locRaw = get('Content-Location');
  const isMultipart = type.startsWith('multipart/');
  const boundary = ct.params.boundary;
  if (isMultipart && !boundary) type = 'text/plain';
  const part: MimePart = {
    partId: null,
    headers,
    type,
    charset: type.startsWith('text/') ? (ct.params.charset ?? 'us-ascii').toLowerCase() : (ct.params.charset?.toLowerCase() ?? null),
    disposition: cd?.value || null,
    name: cd?.params.filename ?? ct.params.name ?? null,
    cid: cidRaw ? asText(cidRaw).replace(/^<|>$/g, '') || null : null,
    language: langRaw
      ? asText(langRaw)
          .split(/[\s,]+/)
          .filter(Boolean)
      : null,
    location: locRaw ? asText(locRaw) : null,
    transferEncoding: (get('Content-Transfer-Encoding') ?? '7bit').trim().toLowerCase(),
    bodyStart,
    bodyEnd: Math.max(bodyStart, end),
    subParts: null,
  };
  if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    part.subParts = splitMultipart(buf, bodyStart, end, boundary).map(([s, e]) => parsePart(buf, s, e, childDefault, counter, depth + 1));
  } else {
    if (type.startsWith('multipart/')) part.type = 'application/octet-stream';
    part.partId = String(++counter.n);
  }
  return part;
}

function isBlank(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Byte ranges of the body parts between `--boundary` delimiter lines (RFC 2046 5.1.1). */
function splitMultipart(buf: Buffer, start: number, end: number, boundary: string): [number, number][] {
  const delim = Buffer.from('--' + boundary);
  const ranges: [number, number][] = [];
  let partStart = -1;
  let pos = start;
  for (;;) {
    const idx = buf.indexOf(delim, pos);
    if (idx < 0 || idx + delim.length > end) break;
    pos = idx + 1;
    if (idx !== start && buf[idx - 1] !== 0x0a) continue;
    const after = idx + delim.length;
    const closing = buf[after] === 0x2d && buf[after + 1] === 0x2d;
    let nl = buf.indexOf(0x0a, after);
    if (nl < 0 || nl >= end) nl = end;
    if (!isBlank(buf, closing ? after + 2 : after, nl)) continue;
    if (partStart >= 0) {
      let pe = idx;
      if (pe > partStart && buf[pe - 1] === 0x0a) pe--;
      if (pe > partStart && buf[pe - 1] === 0x0d) pe--;
      ranges.push([partStart, pe]);
    }
    if (closing) return ranges;
    partStart = Math.min(nl + 1, end);
    pos = partStart;
  }
  if (partStart >= 0) ranges.push([partStart, end]);
  return ranges;
}

export function* leaves(part: MimePart): Generator<MimePart> {
  if (part.subParts) for (const p of part.subParts) yield* leaves(p);
  else yield part;
}

export function findPart(root: MimePart, partId: string): MimePart | undefined {
  for (const p of leaves(root)) if (p.partId === partId) return p;
  return undefined;
}

const isInlineMediaType = (type: string): boolean => type.startsWith('image/') || type.startsWith('audio/') || type.startsWith('video/');

/**
 * RFC 8621 4.1.4: which leaves are the text body, the HTML body and the attachments.
 * An implementation of the algorithm the RFC gives, walking the tree once.
 */
export function classifyParts(root: MimePart): { textBody: MimePart[]; htmlBody: MimePart[]; attachments: MimePart[] } {
  const textBody: MimePart[] = [];
  const htmlBody: MimePart[] = [];
  const attachments: MimePart[] = [];
  walk([root], 'mixed', false, htmlBody, textBody, attachments);
  return { textBody, htmlBody, attachments };
}

function walk(
  parts: MimePart[],
  multipartType: string,
  inAlternative: boolean,
  html: MimePart[] | null,
  text: MimePart[] | null,
  attachments: MimePart[],
): void {
  const textLength = text ? text.length : -1;
  const htmlLength = html ? html.length : -1;
  // As in the RFC's algorithm, a text/html (text/plain) leaf inside an alternative ends
  // the text (HTML) body for the rest of this multipart: the variables stay nulled.
  let t = text;
  let h = html;
  parts.forEach((part, i) => {
    const isInline =
      part.disposition !== 'attachment' &&
      (part.type === 'text/plain' || part.type === 'text/html' || isInlineMediaType(part.type)) &&
      (i === 0 || (multipartType !== 'related' && (isInlineMediaType(part.type) || !part.name)));
    if (part.subParts) {
      const sub = part.type.split('/')[1] ?? 'mixed';
      walk(part.subParts, sub, inAlternative || sub === 'alternative', h, t, attachments);
    } else if (isInline) {
      if (multipartType === 'alternative') {
        if (part.type === 'text/plain') t?.push(part);
        else if (part.type === 'text/html') h?.push(part);
        else attachments.push(part);
        return;
      }
      if (inAlternative) {
        if (part.type === 'text/plain') h = null;
        if (part.type === 'text/html') t = null;
      }
      t?.push(part);
      h?.push(part);
      if ((!t || !h) && isInlineMediaType(part.type)) attachments.push(part);
    } else {
      attachments.push(part);
    }
  });
  if (multipartType === 'alternative' && text && html) {
    // Only an HTML part was found: it also serves as the text body, and the reverse.
    if (textLength === text.length && htmlLength !== html.length) text.push(...html.slice(htmlLength));
    if (htmlLength === html.length && textLength !== text.length) html.push(...text.slice(textLength));
  }
}
