/**
 * The engine tests' mirror: the real Dexie store (src/store) under fake-indexeddb. The
 * engine itself never imports the store; only these test helpers wire the two together,
 * as the service worker does in the product.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
// Tests run the engine against the real store (an EXCEPTION in eslint.config.js).
import { MailDb } from '../../src/store/db.ts';
import { DexieSyncCache } from '../../src/store/dexieCache.ts';
import { threadInMailboxRows } from '../../src/store/threadRows.ts';
import type { ThreadInMailboxRow } from '../../src/store/rows.ts';
import type { EmailRecord } from '../../src/sync/cache.ts';

export interface Mirror {
  db: MailDb;
  cache: DexieSyncCache;
}

/** A fresh, empty mirror in its own database. */
export function openMirror(label = 'mirror'): Mirror {
  const db = new MailDb(`${label}-${randomUUID()}`);
  return { db, cache: new DexieSyncCache(db) };
}

/** The same database opened again, as a restarted service worker would. */
export function reopenMirror(mirror: Mirror): Mirror {
  mirror.db.close();
  const db = new MailDb(mirror.db.name);
  return { db, cache: new DexieSyncCache(db) };
}

export interface Snapshot {
  mailboxes: Record<string, Record<string, unknown>>;
  emails: Record<string, { threadId: string; mailboxIds: Record<string, true>; keywords: Record<string, true> }>;
  threads: Record<string, string[]>;
}

export const MAILBOX_FIELDS = [
  'name',
  'parentId',
  'role',
  'sortOrder',
  'totalEmails',
  'unreadEmails',
  'totalThreads',
  'unreadThreads',
  'isSubscribed',
] as const;

export function pickMailbox(m: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(MAILBOX_FIELDS.map((f) => [f, m[f] ?? null]));
}

/** What the mirror holds for an account, in the shape serverSnapshot() returns. */
export async function mirrorSnapshot(mirror: Mirror, accountId: string): Promise<Snapshot> {
  const { db } = mirror;
  const inAccount = <T extends { accountId: string }>(rows: T[]) => rows.filter((r) => r.accountId === accountId);
  const mailboxes = inAccount(await db.mailboxes.toArray());
  const emails = inAccount(await db.emails.toArray());
  const threads = inAccount(await db.threads.toArray());
  return {
    mailboxes: Object.fromEntries(mailboxes.map((m) => [m.id, pickMailbox(m as unknown as Record<string, unknown>)])),
    emails: Object.fromEntries(emails.map((e) => [e.id, { threadId: e.threadId, mailboxIds: e.mailboxIds, keywords: e.keywords }])),
    threads: Object.fromEntries(threads.map((t) => [t.id, t.emailIds])),
  };
}

/**
 * Problems with the derived rows: every thread's threadInMailbox rows must equal what its
 * emails give. Returns descriptions of what is wrong (empty when consistent).
 */
export async function derivedRowProblems(mirror: Mirror, accountId: string): Promise<string[]> {
  const { db } = mirror;
  const emails = (await db.emails.toArray()).filter((e) => e.accountId === accountId);
  const rows = (await db.threadInMailbox.toArray()).filter((r) => r.accountId === accountId);
  const byThread = new Map<string, EmailRecord[]>();
  for (const e of emails) {
    let list = byThread.get(e.threadId);
    if (!list) byThread.set(e.threadId, (list = []));
    list.push(e);
  }
  const expected = [...byThread].flatMap(([t, list]) => threadInMailboxRows(accountId, t, list));
  const key = (r: { threadId: string; mailboxId: string }) => `${r.threadId}/${r.mailboxId}`;
  // The whole row, list fields (src/store ListFields) included: the list shows them unread.
  const shown = (r: ThreadInMailboxRow) =>
    JSON.stringify([r.emailId, r.receivedMs, r.emailIds, r.subject, r.preview, r.senders, r.unreadIds, r.flaggedIds, r.attachment]);
  const want = new Map(expected.map((r) => [key(r), shown(r)]));
  const have = new Map(rows.map((r) => [key(r), shown(r)]));
  const problems: string[] = [];
  for (const [k, v] of want) if (have.get(k) !== v) problems.push(`row ${k}: expected ${v}, found ${have.get(k) ?? 'nothing'}`);
  for (const k of have.keys()) if (!want.has(k)) problems.push(`row ${k} should not exist`);
  return problems;
}
