import { MethodError, invalidArguments } from '../errors.ts';
import { asText, parseHeaderFields } from '../mime/headers.ts';
import type { EmailRow } from '../data/emails.ts';
import type { EmailAddress, JsonObject } from '../wire.ts';
import { isObject } from './common.ts';

/**
 * Email/query filters and sorts (RFC 8621 4.4). Text matching: every word (or "quoted
 * phrase") must occur, ignoring case and accents. searchText holds these sections,
 * NUL-separated: from, to, cc, bcc, subject, body, attachment names.
 */
export const SECTION = { from: 0, to: 1, cc: 2, bcc: 3, subject: 4, body: 5, attachments: 6 } as const;

export function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function searchTextOf(parts: {
  from: EmailAddress[] | null;
  to: EmailAddress[] | null;
  cc: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  subject: string | null;
  body: string;
  attachmentNames: string[];
}): string {
  const addr = (l: EmailAddress[] | null) => (l ?? []).map((a) => `${a.name ?? ''} <${a.email}>`).join(', ');
  return [
    addr(parts.from),
    addr(parts.to),
    addr(parts.cc),
    addr(parts.bcc),
    parts.subject ?? '',
    parts.body.replace(/\0/g, ' '),
    parts.attachmentNames.join(' '),
  ]
    .map(normalizeText)
    .join('\0');
}

export function terms(query: string): string[] {
  const out: string[] = [];
  for (const m of normalizeText(query).matchAll(/"([^"]*)"|(\S+)/g)) {
    const t = (m[1] ?? m[2] ?? '').trim();
    if (t) out.push(t);
  }
  return out;
}

function section(e: EmailRow, which: keyof typeof SECTION): string {
  return e.searchText.split('\0')[SECTION[which]] ?? '';
}

function containsAll(hay: string, query: unknown, key: string): boolean {
  if (typeof query !== 'string') throw invalidArguments(`filter ${key} must be a string`);
  return terms(query).every((t) => hay.includes(t));
}

const headerCache = new WeakMap<EmailRow, ReturnType<typeof parseHeaderFields>>();
function headersOf(e: EmailRow) {
  let h = headerCache.get(e);
  if (!h) {
    h = parseHeaderFields(e.headers);
    headerCache.set(e, h);
  }
  return h;
}

export interface FilterContext {
  threadsOf(threadId: string): EmailRow[];
}

const CONDITIONS = new Set([
  'inMailbox',
  'inMailboxOtherThan',
  'before',
  'after',
  'minSize',
  'maxSize',
  'allInThreadHaveKeyword',
  'someInThreadHaveKeyword',
  'noneInThreadHaveKeyword',
  'hasKeyword',
  'notKeyword',
  'hasAttachment',
  'text',
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'body',
  'header',
]);

function date(v: unknown, key: string): number {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw invalidArguments(`filter ${key} must be a UTCDate`);
  return ms;
}

export function matchesFilter(e: EmailRow, filter: JsonObject, fc: FilterContext): boolean {
  if ('operator' in filter) {
    const conds = filter.conditions;
    if (!Array.isArray(conds)) throw new MethodError('unsupportedFilter', 'A FilterOperator needs a conditions list');
    const results = () =>
      conds.map((c) => {
        if (!isObject(c)) throw new MethodError('unsupportedFilter', 'Each condition must be an object');
        return matchesFilter(e, c, fc);
      });
    switch (filter.operator) {
      case 'AND':
        return results().every(Boolean);
      case 'OR':
        return results().some(Boolean);
      case 'NOT':
        return !results().some(Boolean);
      default:
        throw new MethodError('unsupportedFilter', `Unknown filter operator ${String(filter.operator)}`);
    }
  }
  for (const [key, v] of Object.entries(filter)) {
    if (!CONDITIONS.has(key)) throw new MethodError('unsupportedFilter', `Email/query cannot filter by ${key}`);
    if (!matchOne(e, key, v, fc)) return false;
  }
  return true;
}

function keyword(v: unknown, key: string): string {
  if (typeof v !== 'string' || v === '') throw invalidArguments(`filter ${key} must be a keyword`);
  return v.toLowerCase();
}

function matchOne(e: EmailRow, key: string, v: unknown, fc: FilterContext): boolean {
  switch (key) {
    case 'inMailbox':
      return typeof v === 'string' && !!e.mailboxIds[v];
    case 'inMailboxOtherThan': {
      if (!Array.isArray(v)) throw invalidArguments('inMailboxOtherThan must be a list of ids');
      return Object.keys(e.mailboxIds).some((m) => !v.includes(m));
    }
    case 'before':
      return Date.parse(e.receivedAt) < date(v, key);
    case 'after':
      return Date.parse(e.receivedAt) >= date(v, key);
    case 'minSize':
      return typeof v === 'number' && e.size >= v;
    case 'maxSize':
      return typeof v === 'number' && e.size < v;
    case 'hasKeyword':
      return !!e.keywords[keyword(v, key)];
    case 'notKeyword':
      return !e.keywords[keyword(v, key)];
    case 'allInThreadHaveKeyword': {
      const k = keyword(v, key);
      return fc.threadsOf(e.threadId).every((t) => t.keywords[k]);
    }
    case 'someInThreadHaveKeyword': {
      const k = keyword(v, key);
      return fc.threadsOf(e.threadId).some((t) => t.keywords[k]);
    }
    case 'noneInThreadHaveKeyword': {
      const k = keyword(v, key);
      return !fc.threadsOf(e.threadId).some((t) => t.keywords[k]);
    }
    case 'hasAttachment':
      return e.meta.hasAttachment === v;
    case 'text':
      return containsAll(e.searchText, v, key);
    case 'from':
    case 'to':
    case 'cc':
    case 'bcc':
    case 'subject':
    case 'body':
      return containsAll(section(e, key), v, key);
    case 'header': {
      if (!Array.isArray(v) || v.length < 1 || v.length > 2 || !v.every((x) => typeof x === 'string')) {
        throw invalidArguments('filter header must be [name] or [name, value]');
      }
      const name = (v[0] as string).toLowerCase();
      const fields = headersOf(e).filter((f) => f.name.toLowerCase() === name);
      if (v.length === 1) return fields.length > 0;
      const want = normalizeText(v[1] as string);
      return fields.some((f) => normalizeText(asText(f.value)).includes(want));
    }
  }
  return false;
}

type Cmp = (a: EmailRow, b: EmailRow) => number;

function baseSubject(s: string | null): string {
  let t = (s ?? '').trim();
  for (;;) {
    const next = t.replace(/^(re|fw|fwd|aw|sv|wg)(\[\d+\])?\s*:\s*/i, '').replace(/^\[[^\]]*\]\s*/, '');
    if (next === t) return normalizeText(t);
    t = next;
  }
}

const firstAddr = (l: EmailAddress[] | null): string => normalizeText(l?.[0] ? (l[0].name ?? l[0].email) : '');

export function comparator(sort: unknown, fc: FilterContext): Cmp {
  const list: Cmp[] = [];
  if (sort !== null && sort !== undefined) {
    if (!Array.isArray(sort)) throw invalidArguments('sort must be a list of comparators');
    for (const s of sort) {
      if (!isObject(s) || typeof s.property !== 'string') throw invalidArguments('each comparator needs a property');
      const dir = s.isAscending === false ? -1 : 1;
      const kw = typeof s.keyword === 'string' ? s.keyword.toLowerCase() : null;
      const bool =
        (f: (e: EmailRow) => boolean): Cmp =>
        (a, b) =>
          dir * (Number(f(a)) - Number(f(b)));
      const str =
        (f: (e: EmailRow) => string): Cmp =>
        (a, b) => {
          const x = f(a);
          const y = f(b);
          return dir * (x < y ? -1 : x > y ? 1 : 0);
        };
      switch (s.property) {
        case 'receivedAt':
          list.push(str((e) => e.receivedAt));
          break;
        case 'sentAt':
          list.push((a, b) => dir * ((Date.parse(a.meta.sentAt ?? a.receivedAt) || 0) - (Date.parse(b.meta.sentAt ?? b.receivedAt) || 0)));
          break;
        case 'size':
          list.push((a, b) => dir * (a.size - b.size));
          break;
        case 'from':
          list.push(str((e) => firstAddr(e.meta.from)));
          break;
        case 'to':
          list.push(str((e) => firstAddr(e.meta.to)));
          break;
        case 'subject':
          list.push(str((e) => baseSubject(e.meta.subject)));
          break;
        case 'hasKeyword':
        case 'allInThreadHaveKeyword':
        case 'someInThreadHaveKeyword': {
          if (!kw) throw invalidArguments(`sort by ${s.property} needs a keyword`);
          if (s.property === 'hasKeyword') list.push(bool((e) => !!e.keywords[kw]));
          else if (s.property === 'allInThreadHaveKeyword') list.push(bool((e) => fc.threadsOf(e.threadId).every((t) => t.keywords[kw])));
          else list.push(bool((e) => fc.threadsOf(e.threadId).some((t) => t.keywords[kw])));
          break;
        }
        default:
          throw new MethodError('unsupportedSort', `Email/query cannot sort by ${s.property}`);
      }
    }
  }
  // Ties: newest first, then by id, so paging is stable.
  list.push((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  list.push((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (a, b) => {
    for (const c of list) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}
