import { addressParser, decodeWords, type Address } from 'postal-mime';
import type { EmailAddress, EmailAddressGroup, EmailHeader } from '../wire.ts';

/**
 * Header fields and the RFC 8621 4.1.2 parsed forms (Raw, Text, Addresses,
 * GroupedAddresses, MessageIds, Date, URLs). Address and encoded-word decoding is
 * postal-mime's; this file finds raw field values, which postal-mime only gives unfolded.
 */

/** Finds the end of the header block: the offset of the body and of the blank line. */
export function splitHeaderBlock(bytes: Uint8Array, start = 0, end = bytes.length): { headerEnd: number; bodyStart: number } {
  for (let i = start; i < end; i++) {
    if (bytes[i] !== 0x0a) continue;
    // A line feed at the very start means an empty header block.
    if (i === start) return { headerEnd: start, bodyStart: i + 1 };
    if (bytes[i + 1] === 0x0a) return { headerEnd: i + 1, bodyStart: i + 2 };
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { headerEnd: i + 1, bodyStart: i + 3 };
  }
  if (bytes[start] === 0x0d && bytes[start + 1] === 0x0a) return { headerEnd: start, bodyStart: start + 2 };
  return { headerEnd: end, bodyStart: end };
}

/** Header bytes as text: UTF-8 (RFC 6532), or Latin-1 when a sender put raw 8-bit bytes there. */
export function decodeHeaderBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Splits a header block into fields, keeping each raw value (everything after the colon,
 * folding included, without the final line break) as RFC 8621's Raw form wants.
 */
export function parseHeaderFields(block: string): EmailHeader[] {
  const fields: EmailHeader[] = [];
  const lines = block.split(/\r?\n/);
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) {
      fields[fields.length - 1]!.value += '\r\n' + line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1) });
  }
  return fields;
}

export function unfold(raw: string): string {
  return raw.replace(/\r?\n(?=[ \t])/g, '');
}

export function asText(raw: string): string {
  return decodeWords(unfold(raw).trim()).normalize('NFC');
}

function toEmailAddress(a: { name: string; address: string }): EmailAddress {
  const name = a.name.trim();
  return { name: name === '' ? null : name, email: a.address };
}

export function asAddresses(raw: string): EmailAddress[] {
  return (addressParser(unfold(raw), { flatten: true }) as { name: string; address: string }[])
    .filter((a) => a.address !== undefined)
    .map(toEmailAddress);
}

export function asGroupedAddresses(raw: string): EmailAddressGroup[] {
  const out: EmailAddressGroup[] = [];
  for (const a of addressParser(unfold(raw)) as Address[]) {
    if (a.group) {
      out.push({ name: a.name.trim() || null, addresses: a.group.map(toEmailAddress) });
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.name === null) last.addresses.push(toEmailAddress(a));
    else out.push({ name: null, addresses: [toEmailAddress(a)] });
  }
  return out;
}

export function asMessageIds(raw: string): string[] | null {
  const ids = [...unfold(raw).matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (ids.length > 0) return ids;
  // Some senders leave out the angle brackets; accept one bare id-looking token.
  const bare = unfold(raw).trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? [bare] : null;
}

/** RFC 3339 with the sender's own zone offset kept (as Cyrus does); +0000 becomes Z. */
export function asDate(raw: string): string | null {
  const text = unfold(raw)
    .replace(/\([^)]*\)/g, ' ')
    .trim();
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const zone = /([+-])(\d{2})(\d{2})$/.exec(text);
  const offset = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  if (offset === 0) return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${zone![1]}${zone![2]}:${zone![3]}`;
}

export function asURLs(raw: string): string[] | null {
  const urls = [...unfold(raw).matchAll(/<([^<>]+)>/g)].map((m) => m[1]!.replace(/\s+/g, ''));
  return urls.length > 0 ? urls : null;
}

export type HeaderForm = 'Raw' | 'Text' | 'Addresses' | 'GroupedAddresses' | 'MessageIds' | 'Date' | 'URLs';
export const HEADER_FORMS: HeaderForm[] = ['Raw', 'Text', 'Addresses', 'GroupedAddresses', 'MessageIds', 'Date', 'URLs'];

const ADDRESS_FIELDS = [
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'resent-from',
  'resent-sender',
  'resent-reply-to',
  'resent-to',
  'resent-cc',
  'resent-bcc',
];
const MSGID_FIELDS = ['message-id', 'in-reply-to', 'references', 'resent-message-id'];
const DATE_FIELDS = ['date', 'resent-date'];
const URL_FIELDS = ['list-help', 'list-unsubscribe', 'list-subscribe', 'list-post', 'list-owner', 'list-archive'];
const TEXT_FIELDS = ['subject', 'comments', 'keywords', 'list-id'];
const KNOWN = new Set([...ADDRESS_FIELDS, ...MSGID_FIELDS, ...DATE_FIELDS, ...URL_FIELDS, ...TEXT_FIELDS, 'return-path', 'received']);

/** RFC 8621 4.1.2: which forms a header field may be fetched or set in. */
export function formAllowed(field: string, form: HeaderForm): boolean {
  const f = field.toLowerCase();
  if (form === 'Raw') return true;
  if (!KNOWN.has(f)) return true;
  switch (form) {
    case 'Text':
      return TEXT_FIELDS.includes(f);
    case 'Addresses':
    case 'GroupedAddresses':
      return ADDRESS_FIELDS.includes(f);
    case 'MessageIds':
      return MSGID_FIELDS.includes(f);
    case 'Date':
      return DATE_FIELDS.includes(f);
    case 'URLs':
      return URL_FIELDS.includes(f);
  }
}

export type HeaderValue = string | string[] | EmailAddress[] | EmailAddressGroup[] | null;

export function applyForm(raw: string, form: HeaderForm): HeaderValue {
  switch (form) {
    case 'Raw':
      return raw;
    case 'Text':
      return asText(raw);
    case 'Addresses':
      return asAddresses(raw);
    case 'GroupedAddresses':
      return asGroupedAddresses(raw);
    case 'MessageIds':
      return asMessageIds(raw);
    case 'Date':
      return asDate(raw);
    case 'URLs':
      return asURLs(raw);
  }
}

export interface HeaderProperty {
  name: string;
  form: HeaderForm;
  all: boolean;
}

/** Parses `header:{name}[:as{Form}][:all]`; null when the property is not of that shape. */
export function parseHeaderProperty(prop: string): HeaderProperty | null | 'invalid' {
  if (!prop.startsWith('header:')) return null;
  const parts = prop.slice(7).split(':');
  const name = parts.shift();
  if (!name || !/^[\x21-\x39\x3b-\x7e]+$/.test(name)) return 'invalid';
  let form: HeaderForm = 'Raw';
  let all = false;
  for (const p of parts) {
    if (p === 'all' && !all) all = true;
    else if (p.startsWith('as') && HEADER_FORMS.includes(p.slice(2) as HeaderForm) && form === 'Raw' && !all)
      form = p.slice(2) as HeaderForm;
    else return 'invalid';
  }
  if (!formAllowed(name, form)) return 'invalid';
  return { name, form, all };
}

/** The value of a header property over a list of fields (last instance, or all). */
export function headerPropertyValue(fields: EmailHeader[], prop: HeaderProperty): HeaderValue | HeaderValue[] {
  const lname = prop.name.toLowerCase();
  const matching = fields.filter((f) => f.name.toLowerCase() === lname);
  if (prop.all) return matching.map((f) => applyForm(f.value, prop.form));
  const last = matching[matching.length - 1];
  return last ? applyForm(last.value, prop.form) : null;
}

/** Content-Type / Content-Disposition style: a value and parameters (RFC 2045, RFC 2231). */
export interface Structured {
  value: string;
  params: Record<string, string>;
}

export function parseStructured(raw: string): Structured {
  const text = unfold(raw);
  const pieces: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quoted) {
      cur += text[++i] ?? '';
      continue;
    }
    if (c === '"') {
      quoted = !quoted;
      continue;
    }
    if (c === ';' && !quoted) {
      pieces.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  pieces.push(cur);
  const value = (pieces.shift() ?? '').trim().toLowerCase();
  const simple: Record<string, string> = {};
  const continued: Record<string, { index: number; encoded: boolean; text: string }[]> = {};
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    const val = piece.slice(eq + 1).trim();
    const m = /^([^*]+)\*(?:(\d+)\*?)?$/.exec(key);
    if (m) {
      const name = m[1]!;
      (continued[name] ??= []).push({ index: m[2] === undefined ? 0 : Number(m[2]), encoded: key.endsWith('*'), text: val });
    } else {
      simple[key] = val;
    }
  }
  for (const [name, parts] of Object.entries(continued)) {
    parts.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const bytes: number[] = [];
    parts.forEach((p, i) => {
      let t = p.text;
      if (p.encoded && i === 0) {
        const m = /^([^']*)'[^']*'(.*)$/.exec(t);
        if (m) {
          charset = m[1] || 'utf-8';
          t = m[2]!;
        }
      }
      if (p.encoded) {
        for (let j = 0; j < t.length; j++) {
          if (t[j] === '%' && /^[0-9a-fA-F]{2}$/.test(t.slice(j + 1, j + 3))) {
            bytes.push(parseInt(t.slice(j + 1, j + 3), 16));
            j += 2;
          } else bytes.push(...Buffer.from(t[j]!, 'utf8'));
        }
      } else bytes.push(...Buffer.from(t, 'utf8'));
    });
    let decoded: string;
    try {
      decoded = new TextDecoder(charset).decode(new Uint8Array(bytes));
    } catch {
      decoded = Buffer.from(bytes).toString('utf8');
    }
    simple[name] = decoded;
  }
  for (const k of Object.keys(simple)) simple[k] = decodeWords(simple[k]!);
  return { value, params: simple };
}
