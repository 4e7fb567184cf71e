import type { EmailMeta } from '../mime/message.ts';
import type { Recorder } from './changes.ts';
import { nextCounter, type Db } from './db.ts';

/**
 * Email rows and threading. The index of an account's emails is cached in memory and
 * dropped on every write to that account, so reads never see a stale row (a rolled-back
 * transaction leaves nothing cached either).
 */
export interface EmailRow {
  id: string;
  blobId: string;
  threadId: string;
  mailboxIds: Record<string, true>;
  keywords: Record<string, true>;
  size: number;
  receivedAt: string;
  meta: EmailMeta;
  /** The raw top-level header block. */
  headers: string;
  /** Lower-cased searchable text (addresses, subject, body, attachment names). */
  searchText: string;
}

interface DbRow {
  id: string;
  blobId: string;
  threadId: string;
  mailboxIds: string;
  keywords: string;
  size: number;
  receivedAt: string;
  meta: string;
  headers: string;
  searchText: string;
}

const cache = new Map<string, Map<string, EmailRow>>();

function cacheKey(db: Db, accountId: string): string {
  return `${db.name}\u0000${accountId}`;
}

export function invalidateEmails(db: Db, accountId: string): void {
  cache.delete(cacheKey(db, accountId));
}

/** Drops every cached index of this database (on server stop: a later server may reuse the path). */
export function forgetEmailCaches(db: Db): void {
  for (const key of [...cache.keys()]) if (key.startsWith(`${db.name}\u0000`)) cache.delete(key);
}

function fromDb(r: DbRow): EmailRow {
  return {
    id: r.id,
    blobId: r.blobId,
    threadId: r.threadId,
    mailboxIds: JSON.parse(r.mailboxIds) as Record<string, true>,
    keywords: JSON.parse(r.keywords) as Record<string, true>,
    size: r.size,
    receivedAt: r.receivedAt,
    meta: JSON.parse(r.meta) as EmailMeta,
    headers: r.headers,
    searchText: r.searchText,
  };
}

/** All emails of an account by id (cached; treat as read-only). */
export function emailIndex(db: Db, accountId: string): Map<string, EmailRow> {
  const key = cacheKey(db, accountId);
  let map = cache.get(key);
  if (!map) {
    const rows = db.prepare('SELECT * FROM emails WHERE accountId = ?').all(accountId) as DbRow[];
    map = new Map(rows.map((r) => [r.id, fromDb(r)]));
    cache.set(key, map);
  }
  return map;
}

export function getEmail(db: Db, accountId: string, id: string): EmailRow | undefined {
  return emailIndex(db, accountId).get(id);
}

const oldestFirst = (a: EmailRow, b: EmailRow) =>
  a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : a.id < b.id ? -1 : 1;

/**
 * Emails by thread, built once per email index (a write replaces the index, so this
 * goes with it). Found by the first-sync bench: scanning every email for each thread
 * made Thread/get cost O(threads x emails), about 2 s per 400-message listing chunk
 * at 100,000 messages, and the listing quadratic.
 */
const threadIndexes = new WeakMap<Map<string, EmailRow>, Map<string, EmailRow[]>>();

/** Emails of a thread, oldest first (RFC 8621 Thread/get order). */
export function threadEmails(db: Db, accountId: string, threadId: string): EmailRow[] {
  const index = emailIndex(db, accountId);
  let threads = threadIndexes.get(index);
  if (!threads) {
    threads = new Map();
    for (const e of index.values()) {
      const list = threads.get(e.threadId);
      if (list) list.push(e);
      else threads.set(e.threadId, [e]);
    }
    for (const list of threads.values()) list.sort(oldestFirst);
    threadIndexes.set(index, threads);
  }
  return [...(threads.get(threadId) ?? [])];
}

/** Finds the thread a new message belongs to by Message-ID, In-Reply-To and References. */
function findThread(db: Db, accountId: string, meta: EmailMeta): string | undefined {
  const ids = [...new Set([...(meta.messageId ?? []), ...(meta.inReplyTo ?? []), ...(meta.references ?? [])])];
  if (ids.length === 0) return undefined;
  const marks = ids.map(() => '?').join(',');
  const row = db
    .prepare(`SELECT threadId FROM msgids WHERE accountId = ? AND msgid IN (${marks}) ORDER BY rowid LIMIT 1`)
    .get(accountId, ...ids) as { threadId: string } | undefined;
  return row?.threadId;
}

export function newId(db: Db, prefix: string): string {
  return prefix + nextCounter(db, `id:${prefix}`).toString(36).padStart(5, '0');
}

export interface NewEmail {
  blobId: string;
  size: number;
  receivedAt: string;
  mailboxIds: Record<string, true>;
  keywords: Record<string, true>;
  meta: EmailMeta;
  headers: string;
  searchText: string;
}

const countsKeywords = ['$seen', '$draft'];

export function insertEmail(db: Db, rec: Recorder, accountId: string, e: NewEmail): EmailRow {
  const id = newId(db, 'M');
  const existingThread = findThread(db, accountId, e.meta);
  const threadId = existingThread ?? newId(db, 'T');
  db.prepare(
    `INSERT INTO emails (accountId, id, blobId, threadId, mailboxIds, keywords, size, receivedAt, meta, headers, searchText)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    accountId,
    id,
    e.blobId,
    threadId,
    JSON.stringify(e.mailboxIds),
    JSON.stringify(e.keywords),
    e.size,
    e.receivedAt,
    JSON.stringify(e.meta),
    e.headers,
    e.searchText,
  );
  const msgids = new Set([...(e.meta.messageId ?? []), ...(e.meta.inReplyTo ?? []), ...(e.meta.references ?? [])]);
  const ins = db.prepare('INSERT INTO msgids (accountId, msgid, emailId, threadId) VALUES (?, ?, ?, ?)');
  for (const m of msgids) ins.run(accountId, m, id, threadId);
  invalidateEmails(db, accountId);
  rec.record('Email', id, 'created', { threadId });
  rec.record('Thread', threadId, existingThread ? 'updated' : 'created');
  for (const mb of Object.keys(e.mailboxIds)) rec.record('Mailbox', mb, 'updated', { countsOnly: true });
  return { id, threadId, ...e };
}

export function updateEmail(
  db: Db,
  rec: Recorder,
  accountId: string,
  before: EmailRow,
  next: { mailboxIds: Record<string, true>; keywords: Record<string, true> },
): void {
  db.prepare('UPDATE emails SET mailboxIds = ?, keywords = ? WHERE accountId = ? AND id = ?').run(
    JSON.stringify(next.mailboxIds),
    JSON.stringify(next.keywords),
    accountId,
    before.id,
  );
  invalidateEmails(db, accountId);
  rec.record('Email', before.id, 'updated', { threadId: before.threadId });
  const movedOrCounted =
    JSON.stringify(Object.keys(before.mailboxIds).sort()) !== JSON.stringify(Object.keys(next.mailboxIds).sort()) ||
    countsKeywords.some((k) => !!before.keywords[k] !== !!next.keywords[k]);
  if (movedOrCounted) {
    for (const mb of new Set([...Object.keys(before.mailboxIds), ...Object.keys(next.mailboxIds)])) {
      rec.record('Mailbox', mb, 'updated', { countsOnly: true });
    }
  }
}

export function destroyEmail(db: Db, rec: Recorder, accountId: string, e: EmailRow): void {
  db.prepare('DELETE FROM emails WHERE accountId = ? AND id = ?').run(accountId, e.id);
  db.prepare('DELETE FROM msgids WHERE accountId = ? AND emailId = ?').run(accountId, e.id);
  invalidateEmails(db, accountId);
  const left = (
    db.prepare('SELECT COUNT(*) AS n FROM emails WHERE accountId = ? AND threadId = ?').get(accountId, e.threadId) as { n: number }
  ).n;
  rec.record('Email', e.id, 'destroyed', { threadId: e.threadId });
  rec.record('Thread', e.threadId, left === 0 ? 'destroyed' : 'updated');
  for (const mb of Object.keys(e.mailboxIds)) rec.record('Mailbox', mb, 'updated', { countsOnly: true });
}

/** Is the blob still referenced by an email of the account? */
export function blobInUse(db: Db, accountId: string, blobId: string): boolean {
  return !!db.prepare('SELECT 1 FROM emails WHERE accountId = ? AND blobId = ? LIMIT 1').get(accountId, blobId);
}
