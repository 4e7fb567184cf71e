import { invalidArguments } from '../errors.ts';
import { decodeBytes, decodeText } from '../mime/decode.ts';
import { headerPropertyValue, parseHeaderFields, parseHeaderProperty, type HeaderProperty } from '../mime/headers.ts';
import { textLeaves, type EmailMeta, type ParsedMessage } from '../mime/message.ts';
import type { MimePart } from '../mime/structure.ts';
import type { EmailBodyValue, Json, JsonObject } from '../wire.ts';
import { optBool, optInt } from './common.ts';

/** Turning a stored or parsed message into an RFC 8621 Email object with the properties asked for. */

export const DEFAULT_EMAIL_PROPERTIES = [
  'id',
  'blobId',
  'threadId',
  'mailboxIds',
  'keywords',
  'size',
  'receivedAt',
  'messageId',
  'inReplyTo',
  'references',
  'sender',
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'sentAt',
  'hasAttachment',
  'preview',
  'bodyValues',
  'textBody',
  'htmlBody',
  'attachments',
];
const OTHER_EMAIL_PROPERTIES = ['headers', 'bodyStructure'];
export const DEFAULT_BODY_PROPERTIES = [
  'partId',
  'blobId',
  'size',
  'name',
  'type',
  'charset',
  'disposition',
  'cid',
  'language',
  'location',
];
const OTHER_BODY_PROPERTIES = ['headers', 'subParts'];
const META_KEYS = [
  'messageId',
  'inReplyTo',
  'references',
  'sender',
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'subject',
  'sentAt',
  'hasAttachment',
  'preview',
];
/** Properties that need the message itself, not only the index row. */
export const BODY_PROPERTIES = ['bodyStructure', 'bodyValues', 'textBody', 'htmlBody', 'attachments'];

export interface RenderOptions {
  properties: string[];
  headerProps: Map<string, HeaderProperty>;
  bodyProperties: string[];
  bodyHeaderProps: Map<string, HeaderProperty>;
  fetchText: boolean;
  fetchHtml: boolean;
  fetchAll: boolean;
  maxBodyValueBytes: number;
}

function checkProps(list: string[], known: string[], what: string): Map<string, HeaderProperty> {
  const headers = new Map<string, HeaderProperty>();
  for (const p of list) {
    const h = parseHeaderProperty(p);
    if (h === 'invalid') throw invalidArguments(`${p} is not a valid header property (or that form is not allowed for that field)`);
    if (h) headers.set(p, h);
    else if (!known.includes(p)) throw invalidArguments(`Unknown ${what} property ${p}`);
  }
  return headers;
}

export function renderOptions(args: JsonObject): RenderOptions {
  const props = args.properties ?? null;
  const bodyProps = args.bodyProperties ?? null;
  if (props !== null && (!Array.isArray(props) || !props.every((p) => typeof p === 'string')))
    throw invalidArguments('properties must be a list of strings');
  if (bodyProps !== null && (!Array.isArray(bodyProps) || !bodyProps.every((p) => typeof p === 'string'))) {
    throw invalidArguments('bodyProperties must be a list of strings');
  }
  const properties = props ? (props as string[]) : DEFAULT_EMAIL_PROPERTIES;
  const bodyProperties = bodyProps ? (bodyProps as string[]) : DEFAULT_BODY_PROPERTIES;
  return {
    properties,
    headerProps: checkProps(properties, [...DEFAULT_EMAIL_PROPERTIES, ...OTHER_EMAIL_PROPERTIES], 'Email'),
    bodyProperties,
    bodyHeaderProps: checkProps(bodyProperties, [...DEFAULT_BODY_PROPERTIES, ...OTHER_BODY_PROPERTIES], 'EmailBodyPart'),
    fetchText: optBool(args, 'fetchTextBodyValues', false),
    fetchHtml: optBool(args, 'fetchHTMLBodyValues', false),
    fetchAll: optBool(args, 'fetchAllBodyValues', false),
    maxBodyValueBytes: optInt(args, 'maxBodyValueBytes', 0, 0),
  };
}

/** Does rendering need the message bytes (not only the index row)? */
export function needsMessage(o: RenderOptions): boolean {
  return o.properties.some((p) => BODY_PROPERTIES.includes(p) || p === 'headers');
}

const sizes = new WeakMap<MimePart, number>();

async function partSize(msg: ParsedMessage, part: MimePart): Promise<number> {
  let n = sizes.get(part);
  if (n === undefined) {
    n = (await decodeBytes(msg.buf, part)).length;
    sizes.set(part, n);
  }
  return n;
}

async function renderPart(
  msg: ParsedMessage,
  blobId: string | null,
  part: MimePart,
  o: RenderOptions,
  withSubParts: boolean,
): Promise<JsonObject> {
  const out: JsonObject = {};
  for (const p of o.bodyProperties) {
    const h = o.bodyHeaderProps.get(p);
    if (h) {
      out[p] = headerPropertyValue(part.headers, h) as Json;
      continue;
    }
    switch (p) {
      case 'partId':
        out.partId = part.partId;
        break;
      case 'blobId':
        out.blobId = part.partId && blobId ? `${blobId}_${part.partId}` : null;
        break;
      case 'size':
        out.size = part.subParts ? 0 : await partSize(msg, part);
        break;
      case 'headers':
        out.headers = part.headers.map((x) => ({ name: x.name, value: x.value }));
        break;
      case 'name':
      case 'type':
      case 'charset':
      case 'disposition':
      case 'cid':
      case 'language':
      case 'location':
        out[p] = part[p];
        break;
      case 'subParts':
        break;
    }
  }
  if (part.subParts && (withSubParts || o.bodyProperties.includes('subParts'))) {
    out.subParts = await Promise.all(part.subParts.map((s) => renderPart(msg, blobId, s, o, withSubParts)));
  }
  return out;
}

/** Truncates to at most max UTF-8 bytes without splitting a character. */
function truncateUtf8(value: string, max: number): { value: string; truncated: boolean } {
  if (max <= 0 || Buffer.byteLength(value) <= max) return { value, truncated: false };
  let bytes = 0;
  let out = '';
  for (const ch of value) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    bytes += n;
    out += ch;
  }
  return { value: out, truncated: true };
}

async function bodyValues(msg: ParsedMessage, o: RenderOptions): Promise<Record<string, EmailBodyValue>> {
  const parts = new Set<MimePart>();
  if (o.fetchAll) for (const p of textLeaves(msg)) parts.add(p);
  if (o.fetchText) for (const p of msg.textBody) parts.add(p);
  if (o.fetchHtml) for (const p of msg.htmlBody) parts.add(p);
  const out: Record<string, EmailBodyValue> = {};
  for (const part of parts) {
    if (!part.partId || !part.type.startsWith('text/')) continue;
    const { value, isEncodingProblem } = await decodeText(msg.buf, part);
    const t = truncateUtf8(value, o.maxBodyValueBytes);
    out[part.partId] = { value: t.value, isEncodingProblem, isTruncated: t.truncated };
  }
  return out;
}

export interface EmailSource {
  /** Index fields; null for Email/parse (those properties are then null). */
  row: { id: string; threadId: string; mailboxIds: Record<string, true>; keywords: Record<string, true>; receivedAt: string } | null;
  blobId: string;
  size: number;
  meta: EmailMeta;
  headerBlock: string;
  msg: ParsedMessage | null;
}

export async function renderEmail(src: EmailSource, o: RenderOptions): Promise<JsonObject> {
  const out: JsonObject = {};
  let headerFields: ReturnType<typeof parseHeaderFields> | null = null;
  const fields = () => (headerFields ??= parseHeaderFields(src.headerBlock));
  for (const p of o.properties) {
    const h = o.headerProps.get(p);
    if (h) {
      out[p] = headerPropertyValue(fields(), h) as Json;
      continue;
    }
    if (META_KEYS.includes(p)) {
      out[p] = src.meta[p as keyof EmailMeta] as Json;
      continue;
    }
    const msg = src.msg;
    switch (p) {
      case 'id':
      case 'threadId':
      case 'mailboxIds':
      case 'keywords':
      case 'receivedAt':
        out[p] = src.row ? (src.row[p] as Json) : null;
        break;
      case 'blobId':
        out.blobId = src.blobId;
        break;
      case 'size':
        out.size = src.size;
        break;
      case 'headers':
        out.headers = fields().map((x) => ({ name: x.name, value: x.value }));
        break;
      case 'bodyStructure':
        out.bodyStructure = msg ? await renderPart(msg, src.blobId, msg.root, o, true) : null;
        break;
      case 'textBody':
      case 'htmlBody':
      case 'attachments':
        out[p] = msg ? await Promise.all(msg[p].map((part) => renderPart(msg, src.blobId, part, o, false))) : [];
        break;
      case 'bodyValues':
        out.bodyValues = (msg ? await bodyValues(msg, o) : {}) as unknown as Json;
        break;
    }
  }
  if (src.row) out.id = src.row.id;
  return out;
}
