import MailComposer, { type MailComposerAttachment, type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import { SetFailure, invalidProperties } from '../errors.ts';
import type { EmailAddress, Json, JsonObject } from '../wire.ts';
import { parseHeaderProperty, type HeaderForm } from './headers.ts';

/**
 * Building the RFC 5322 message for an Email/set create (RFC 8621 4.6) with nodemailer:
 * MailComposer for the usual textBody/htmlBody/attachments shape, and nodemailer's
 * MimeNode (what MailComposer builds with) when the client sends a full bodyStructure.
 */

export type BlobLoader = (blobId: string) => Promise<{ data: Buffer; type: string } | undefined>;

const NOT_SETTABLE = ['id', 'blobId', 'threadId', 'size', 'hasAttachment', 'preview'];
const PLACE = ['mailboxIds', 'keywords', 'receivedAt'];
const CONVENIENCE: Record<string, { header: string; form: HeaderForm }> = {
  messageId: { header: 'Message-ID', form: 'MessageIds' },
  inReplyTo: { header: 'In-Reply-To', form: 'MessageIds' },
  references: { header: 'References', form: 'MessageIds' },
  sender: { header: 'Sender', form: 'Addresses' },
  from: { header: 'From', form: 'Addresses' },
  to: { header: 'To', form: 'Addresses' },
  cc: { header: 'Cc', form: 'Addresses' },
  bcc: { header: 'Bcc', form: 'Addresses' },
  replyTo: { header: 'Reply-To', form: 'Addresses' },
  subject: { header: 'Subject', form: 'Text' },
  sentAt: { header: 'Date', form: 'Date' },
};
const BODY = ['bodyStructure', 'bodyValues', 'textBody', 'htmlBody', 'attachments'];

interface HeaderSpec {
  name: string;
  form: HeaderForm;
  value: Json;
  prop: string;
}

function addresses(v: Json, prop: string): { name: string; address: string }[] {
  if (!Array.isArray(v)) throw invalidProperties(`${prop} must be a list of addresses`, [prop]);
  return v.map((a) => {
    const x = a as unknown as EmailAddress;
    if (typeof x !== 'object' || x === null || typeof x.email !== 'string')
      throw invalidProperties(`${prop} has an address without an email`, [prop]);
    return { name: x.name ?? '', address: x.email };
  });
}

function rfc5322Date(iso: string): string {
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${d.getUTCDate()} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const FORMATTED = ['from', 'sender', 'to', 'cc', 'bcc', 'reply-to', 'date', 'references', 'message-id', 'in-reply-to', 'content-id'];

/** A header value for nodemailer, from a JMAP parsed form. */
function headerValue(h: HeaderSpec): string | { name: string; address: string }[] | { prepared: true; value: string } | Date | null {
  const v = h.value;
  if (v === null) return null;
  switch (h.form) {
    case 'Raw':
      if (typeof v !== 'string') throw invalidProperties(`${h.prop} must be a string`, [h.prop]);
      // nodemailer reformats its structured headers from a string; others are kept verbatim.
      return FORMATTED.includes(h.name.toLowerCase()) ? v.trim() : { prepared: true, value: v.replace(/^[ \t]/, '') };
    case 'Text':
      if (typeof v !== 'string') throw invalidProperties(`${h.prop} must be a string`, [h.prop]);
      return v;
    case 'Addresses':
      return addresses(v, h.prop);
    case 'GroupedAddresses': {
      if (!Array.isArray(v)) throw invalidProperties(`${h.prop} must be a list of groups`, [h.prop]);
      return v.flatMap((g) => addresses((g as JsonObject).addresses ?? [], h.prop));
    }
    case 'MessageIds':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
        throw invalidProperties(`${h.prop} must be a list of message ids`, [h.prop]);
      // A plain string: nodemailer formats References/In-Reply-To/Message-ID itself.
      return (v as string[]).map((id) => `<${id}>`).join(' ');
    case 'Date':
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw invalidProperties(`${h.prop} must be a date`, [h.prop]);
      // nodemailer formats its own Date header from a Date object and mangles anything else.
      return h.name.toLowerCase() === 'date' ? new Date(v) : { prepared: true, value: rfc5322Date(v) };
    case 'URLs':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
        throw invalidProperties(`${h.prop} must be a list of URLs`, [h.prop]);
      return { prepared: true, value: (v as string[]).map((u) => `<${u}>`).join(', ') };
  }
}

/** Collects top-level headers from convenience properties, header:* properties and `headers`. */
function collectHeaders(obj: JsonObject): HeaderSpec[] {
  const specs: HeaderSpec[] = [];
  const seen = new Set<string>();
  const add = (s: HeaderSpec) => {
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw invalidProperties(`The ${s.name} header is given twice`, [s.prop]);
    if (key === 'content-transfer-encoding') throw invalidProperties('Content-Transfer-Encoding is chosen by the server', [s.prop]);
    if (key.startsWith('content-') && key !== 'content-language' && key !== 'content-location') {
      throw invalidProperties(`${s.name} is derived from the body and cannot be set at the top level`, [s.prop]);
    }
    seen.add(key);
    specs.push(s);
  };
  for (const [prop, value] of Object.entries(obj)) {
    if (NOT_SETTABLE.includes(prop)) throw invalidProperties(`${prop} is set by the server`, [prop]);
    if (PLACE.includes(prop) || BODY.includes(prop)) continue;
    const c = CONVENIENCE[prop];
    if (c) {
      add({ name: c.header, form: c.form, value, prop });
      continue;
    }
    if (prop === 'headers') {
      if (!Array.isArray(value)) throw invalidProperties('headers must be a list', ['headers']);
      for (const h of value as JsonObject[]) {
        if (typeof h?.name !== 'string' || typeof h.value !== 'string')
          throw invalidProperties('each header needs a name and a value', ['headers']);
        add({ name: h.name, form: 'Raw', value: h.value, prop });
      }
      continue;
    }
    const hp = parseHeaderProperty(prop);
    if (hp === 'invalid' || hp === null || hp.all) throw invalidProperties(`${prop} cannot be set on an Email`, [prop]);
    add({ name: hp.name, form: hp.form, value, prop });
  }
  return specs;
}

function partHeaders(part: JsonObject, prop: string): HeaderSpec[] {
  const out: HeaderSpec[] = [];
  for (const [k, v] of Object.entries(part)) {
    const hp = parseHeaderProperty(k);
    if (hp === 'invalid') throw invalidProperties(`${k} is not a valid header property`, [prop]);
    if (!hp) continue;
    if (hp.name.toLowerCase() === 'content-transfer-encoding')
      throw invalidProperties('Content-Transfer-Encoding is chosen by the server', [prop]);
    out.push({ name: hp.name, form: hp.form, value: v, prop });
  }
  return out;
}

interface BuildInput {
  obj: JsonObject;
  loadBlob: BlobLoader;
  /** Deterministic output for seeding: fixed boundary base. */
  baseBoundary?: string;
}

function bodyValueOf(obj: JsonObject, partId: unknown, prop: string): string {
  const values = (obj.bodyValues ?? {}) as JsonObject;
  if (typeof partId !== 'string') throw invalidProperties('A body part needs a partId or a blobId', [prop]);
  const bv = values[partId] as JsonObject | undefined;
  if (!bv || typeof bv.value !== 'string') throw invalidProperties(`No bodyValues entry for part ${partId}`, ['bodyValues']);
  if (bv.isTruncated === true || bv.isEncodingProblem === true)
    throw invalidProperties('bodyValues must not be truncated or have encoding problems', ['bodyValues']);
  return bv.value;
}

async function blobOf(loadBlob: BlobLoader, blobId: unknown, prop: string): Promise<{ data: Buffer; type: string }> {
  if (typeof blobId !== 'string') throw invalidProperties('An attachment needs a blobId', [prop]);
  const blob = await loadBlob(blobId);
  if (!blob) throw new SetFailure('blobNotFound', `Blob ${blobId} does not exist in this account`, { notFound: [blobId] });
  return blob;
}

function contentType(part: JsonObject, fallback: string): string {
  const type = typeof part.type === 'string' ? part.type : fallback;
  return typeof part.charset === 'string' && type.startsWith('text/') ? `${type}; charset=${part.charset}` : type;
}

/** Builds the message bytes for an Email/set create; throws SetFailure on a bad object. */
export async function buildMessage({ obj, loadBlob, baseBoundary }: BuildInput): Promise<Buffer> {
  const headers = collectHeaders(obj);
  const hasStructure = obj.bodyStructure !== undefined && obj.bodyStructure !== null;
  if (hasStructure && ['textBody', 'htmlBody', 'attachments'].some((k) => obj[k] !== undefined && obj[k] !== null)) {
    throw invalidProperties('Give either bodyStructure or textBody/htmlBody/attachments, not both', ['bodyStructure']);
  }
  const root = hasStructure ? await fromStructure(obj, loadBlob, baseBoundary) : await fromParts(obj, loadBlob, baseBoundary);
  for (const h of headers) {
    const v = headerValue(h);
    if (v === null) continue;
    root.setHeader(h.name, v as never);
  }
  root.keepBcc = true;
  return root.build();
}

async function fromParts(obj: JsonObject, loadBlob: BlobLoader, baseBoundary: string | undefined): Promise<MimeNode> {
  const mail: MailComposerOptions = { baseBoundary };
  const single = (prop: 'textBody' | 'htmlBody', type: string): string | undefined => {
    const list = obj[prop];
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list) || list.length > 1) throw invalidProperties(`${prop} must hold at most one part`, [prop]);
    const part = list[0] as JsonObject | undefined;
    if (!part) return undefined;
    if ((part.type ?? type) !== type) throw invalidProperties(`${prop} must be of type ${type}`, [prop]);
    if (part.blobId) throw invalidProperties(`${prop} parts take their content from bodyValues`, [prop]);
    return bodyValueOf(obj, part.partId, prop);
  };
  mail.text = single('textBody', 'text/plain');
  mail.html = single('htmlBody', 'text/html');
  const atts = obj.attachments ?? [];
  if (!Array.isArray(atts)) throw invalidProperties('attachments must be a list', ['attachments']);
  const attachments: MailComposerAttachment[] = [];
  for (const a of atts as JsonObject[]) {
    const blob = await blobOf(loadBlob, a.blobId, 'attachments');
    attachments.push({
      content: blob.data,
      filename: typeof a.name === 'string' ? a.name : false,
      contentType: contentType(a, blob.type),
      contentDisposition: typeof a.disposition === 'string' ? a.disposition : typeof a.cid === 'string' ? 'inline' : 'attachment',
      cid: typeof a.cid === 'string' ? a.cid : undefined,
      headers: extraPartHeaders(a),
    });
  }
  if (attachments.length) mail.attachments = attachments;
  if (mail.text === undefined && mail.html === undefined && !attachments.length) mail.text = '';
  const node = new MailComposer(mail).compile();
  // MailComposer sets these from its own options; the Email's values are applied after.
  return node;
}

function extraPartHeaders(part: JsonObject): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (Array.isArray(part.language)) out['Content-Language'] = (part.language as string[]).join(', ');
  if (typeof part.location === 'string') out['Content-Location'] = part.location;
  for (const h of partHeaders(part, 'attachments')) {
    const v = headerValue(h);
    if (typeof v === 'string') out[h.name] = v;
    else if (v && typeof v === 'object' && 'prepared' in v) out[h.name] = v.value;
  }
  return Object.keys(out).length ? out : undefined;
}

async function fromStructure(obj: JsonObject, loadBlob: BlobLoader, baseBoundary: string | undefined): Promise<MimeNode> {
  const build = async (part: JsonObject, parent: MimeNode | null): Promise<MimeNode> => {
    if (typeof part !== 'object' || part === null) throw invalidProperties('bodyStructure parts must be objects', ['bodyStructure']);
    const type = typeof part.type === 'string' ? part.type.toLowerCase() : 'text/plain';
    const filename = typeof part.name === 'string' ? part.name : undefined;
    const opts = parent ? { filename } : { filename, baseBoundary, keepBcc: true };
    if (type.startsWith('multipart/')) {
      if (!Array.isArray(part.subParts)) throw invalidProperties(`${type} needs subParts`, ['bodyStructure']);
      const node = parent ? parent.createChild(type, opts) : new MimeNode(type, opts);
      for (const sub of part.subParts as JsonObject[]) await build(sub, node);
      return node;
    }
    let content: string | Buffer;
    let ct = contentType(part, 'text/plain');
    if (typeof part.partId === 'string') {
      if (part.blobId) throw invalidProperties('A part has either a partId or a blobId', ['bodyStructure']);
      if (!type.startsWith('text/')) throw invalidProperties('Only text parts take their content from bodyValues', ['bodyStructure']);
      content = bodyValueOf(obj, part.partId, 'bodyStructure');
      ct = type;
    } else {
      const blob = await blobOf(loadBlob, part.blobId, 'bodyStructure');
      content = blob.data;
      if (part.type === undefined) ct = blob.type;
    }
    const node = parent ? parent.createChild(ct, opts) : new MimeNode(ct, opts);
    node.setContent(content);
    if (typeof part.disposition === 'string') node.setHeader('Content-Disposition', part.disposition);
    if (typeof part.cid === 'string') node.setHeader('Content-Id', `<${part.cid.replace(/^<|>$/g, '')}>`);
    const extra = extraPartHeaders(part);
    if (extra) for (const [k, v] of Object.entries(extra)) node.setHeader(k, v);
    return node;
  };
  return build(obj.bodyStructure as JsonObject, null);
}
