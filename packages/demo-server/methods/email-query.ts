import { MethodError, invalidArguments } from '../errors.ts';
import { getStoredBlob } from '../data/blobs.ts';
import { emailIndex, type EmailRow } from '../data/emails.ts';
import { bodyText, parseMessage } from '../mime/message.ts';
import type { JsonObject } from '../wire.ts';
import { accountOf, isObject, optBool } from './common.ts';
import type { Ctx, Handler } from './context.ts';
import { comparator, matchesFilter, normalizeText, terms, type FilterContext } from './email-filter.ts';
import { pageQuery, queryChangesFrame } from './paging.ts';

function filterContext(rows: EmailRow[]): FilterContext {
  let byThread: Map<string, EmailRow[]> | null = null;
  return {
    threadsOf(threadId) {
      if (!byThread) {
        byThread = new Map();
        for (const e of rows) byThread.set(e.threadId, [...(byThread.get(e.threadId) ?? []), e]);
      }
      return byThread.get(threadId) ?? [];
    },
  };
}

/** The full, sorted (and collapsed) result of an Email/query, before windowing. */
export function emailQueryRows(args: JsonObject, ctx: Ctx, accountId: string): EmailRow[] {
  const rows = [...emailIndex(ctx.db, accountId).values()];
  const fc = filterContext(rows);
  const filter = args.filter ?? null;
  if (filter !== null && !isObject(filter)) throw invalidArguments('filter must be an object');
  const cmp = comparator(args.sort ?? null, fc);
  const matched = filter ? rows.filter((e) => matchesFilter(e, filter, fc)) : rows;
  matched.sort(cmp);
  if (!optBool(args, 'collapseThreads', false)) return matched;
  const seen = new Set<string>();
  return matched.filter((e) => {
    if (seen.has(e.threadId)) return false;
    seen.add(e.threadId);
    return true;
  });
}

const query: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const ids = emailQueryRows(args, ctx, accountId).map((e) => e.id);
  return pageQuery(args, ctx, accountId, 'Email', ids, {
    canCalculateChanges: ctx.profile.queryChanges,
    calculateTotal: ctx.profile.calculateTotal,
  });
};

const queryChanges: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const rows = emailQueryRows(args, ctx, accountId);
  const collapse = optBool(args, 'collapseThreads', false);
  // With collapseThreads, a change to one email can change which email stands for its
  // thread, so every email of a touched thread counts as changed.
  const expand = collapse
    ? (threads: Set<string>) => [...emailIndex(ctx.db, accountId).values()].filter((e) => threads.has(e.threadId)).map((e) => e.id)
    : undefined;
  return queryChangesFrame(
    args,
    ctx,
    accountId,
    'Email',
    rows.map((e) => e.id),
    expand,
  );
};

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Marks each search term in text with <mark>, HTML-escaping the rest (RFC 8621 5.1). */
function highlight(text: string, words: string[]): string | null {
  if (words.length === 0) return null;
  const norm = normalizeText(text);
  // normalizeText can change lengths (NFKD); only highlight when the positions line up.
  if (norm.length !== text.length) return null;
  const marks: [number, number][] = [];
  for (const w of words) {
    let i = norm.indexOf(w);
    while (i >= 0) {
      marks.push([i, i + w.length]);
      i = norm.indexOf(w, i + w.length);
    }
  }
  if (marks.length === 0) return null;
  marks.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [s, e] of marks) {
    if (s < pos) continue;
    out += escapeHtml(text.slice(pos, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    pos = e;
  }
  return out + escapeHtml(text.slice(pos));
}

function collectTerms(filter: unknown, keys: string[], out: string[]): void {
  if (!isObject(filter)) return;
  if (Array.isArray(filter.conditions)) {
    if (filter.operator !== 'NOT') for (const c of filter.conditions) collectTerms(c, keys, out);
    return;
  }
  for (const k of keys) if (typeof filter[k] === 'string') out.push(...terms(filter[k] as string));
}

const searchSnippet: Handler = async (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const ids = args.emailIds;
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw invalidArguments('emailIds must be a list of ids');
  const max = ctx.profile.maxSnippetIds ?? ctx.profile.limits.maxObjectsInGet;
  if (ids.length > max) throw new MethodError('requestTooLarge', `At most ${max} emailIds per SearchSnippet/get`);
  const subjectWords: string[] = [];
  const bodyWords: string[] = [];
  collectTerms(args.filter, ['text', 'subject'], subjectWords);
  collectTerms(args.filter, ['text', 'body'], bodyWords);
  const index = emailIndex(ctx.db, accountId);
  const list: JsonObject[] = [];
  const notFound: string[] = [];
  for (const id of ids as string[]) {
    const e = index.get(id);
    if (!e) {
      notFound.push(id);
      continue;
    }
    let preview: string | null = null;
    const bodySection = e.searchText.split('\0')[5] ?? '';
    if (bodyWords.some((w) => bodySection.includes(w))) {
      const blob = getStoredBlob(ctx.db, accountId, e.blobId);
      const text = blob ? (await bodyText(parseMessage(blob.data, blob.blobId))).replace(/\s+/g, ' ').trim() : e.meta.preview;
      const norm = normalizeText(text);
      const first = bodyWords
        .map((w) => norm.indexOf(w))
        .filter((i) => i >= 0)
        .sort((a, b) => a - b)[0];
      if (first !== undefined) {
        // A window of about 200 characters that starts at a word boundary before the first hit.
        let start = Math.max(0, first - 60);
        while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
        preview = highlight(text.slice(start, start + 200), bodyWords);
      }
    }
    list.push({ emailId: id, subject: e.meta.subject ? highlight(e.meta.subject, subjectWords) : null, preview });
  }
  return { accountId, list, notFound: notFound.length ? notFound : null };
};

export const emailQueryMethods: Record<string, Handler> = {
  'Email/query': query,
  'Email/queryChanges': queryChanges,
  'SearchSnippet/get': searchSnippet,
};
