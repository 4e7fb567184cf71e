/**
 * What the UI reads: server rows with overlays merged over them. Plain Dexie reads, so they
 * work inside liveQuery() and re-run when the engine or the flusher commits.
 */
import { listMailboxes, listRow, mailboxThreadPage, type ListRow, type MailDb, type ThreadPageCursor } from '../store/index.ts';
import type { EmailRecord, MailboxRecord } from '../sync/index.ts';
import type { OverlayRow } from './intents.ts';
import { mergeEmail, mergeMailboxes } from './merge.ts';
import { accountOverlays, overlays, overlaysFor } from './tables.ts';

type Pair = [string, string];

function byObject(list: readonly OverlayRow[]): Map<string, OverlayRow[]> {
  const map = new Map<string, OverlayRow[]>();
  for (const o of list) map.set(o.objectId, [...(map.get(o.objectId) ?? []), o]);
  return map;
}

export async function readEmails(db: MailDb, accountId: string, ids: readonly string[]): Promise<(EmailRecord | undefined)[]> {
  const [rows, pending] = await Promise.all([db.emails.bulkGet(ids.map((id) => [accountId, id] as Pair)), overlaysFor(db, accountId, ids)]);
  const map = byObject(pending);
  return rows.map((row) => {
    if (!row) return undefined;
    const list = map.get(row.id);
    return list ? (mergeEmail(row, list) ?? undefined) : row;
  });
}

/** Server rows of the emails that have overlays, with what the person sees instead. */
async function changedEmails(db: MailDb, accountId: string, emailOverlays: readonly OverlayRow[]) {
  const map = byObject(emailOverlays);
  const rows = await db.emails.bulkGet([...map.keys()].map((id) => [accountId, id] as Pair));
  return rows.flatMap((before) => (before ? [{ before, after: mergeEmail(before, map.get(before.id)!) }] : []));
}

export async function readMailboxes(db: MailDb, accountId: string): Promise<MailboxRecord[]> {
  const [mailboxes, pending] = await Promise.all([listMailboxes(db, accountId), accountOverlays(db, accountId)]);
  if (pending.length === 0) return mailboxes;
  const changed = await changedEmails(
    db,
    accountId,
    pending.filter((o) => o.type === 'Email'),
  );
  return mergeMailboxes(mailboxes, pending, changed);
}

/**
 * A page of a mailbox's threads with pending changes applied: a thread leaves when none
 * of its emails is still in the mailbox, emails moved in appear at their place in the
 * order, and read/star marks show as the person set them. Keyset-paged like src/store's
 * mailboxThreadPage. The common case (nothing pending) is one indexed read: the account's
 * overlays are only counted, in the same round trip, and read when there are some (the
 * count is what makes a live query re-run when one is added).
 */
export async function readThreadPage(
  db: MailDb,
  accountId: string,
  mailboxId: string,
  options: { limit?: number; after?: ThreadPageCursor } = {},
): Promise<ListRow[]> {
  const limit = options.limit ?? 50;
  const [overlayCount, first] = await Promise.all([
    overlays(db).where('[accountId+objectId]').between([accountId, ''], [accountId, '\uffff']).count(),
    mailboxThreadPage(db, accountId, mailboxId, { limit, after: options.after }),
  ]);
  if (overlayCount === 0) return first;
  const pending = (await accountOverlays(db, accountId)).filter((o) => o.type === 'Email');
  if (pending.length === 0) return first;
  const changed = await changedEmails(db, accountId, pending);
  const seen = new Map(changed.map((c) => [c.before.id, c]));

  // Server rows, minus emails that left; read on while rows drop out.
  const out: ListRow[] = [];
  let cursor = options.after;
  let page = first;
  let serverFull: boolean;
  let lastServer: ThreadPageCursor | undefined;
  for (;;) {
    serverFull = page.length === limit;
    for (const row of page) {
      const staying = row.emailIds.filter((id) => {
        const c = seen.get(id);
        return !c || (c.after !== null && c.after.mailboxIds[mailboxId]);
      });
      if (staying.length === row.emailIds.length) out.push(withMarks(row, seen));
      else if (staying.length > 0) out.push(await rowFrom(db, row, staying, seen));
    }
    const last = page[page.length - 1];
    if (last) cursor = lastServer = { receivedMs: last.receivedMs, threadId: last.threadId };
    if (out.length >= limit || !serverFull) break;
    page = await mailboxThreadPage(db, accountId, mailboxId, { limit, after: cursor });
  }

  // Emails moved into this mailbox, as rows where they fall in this page's window.
  const arriving = changed.filter((c) => c.after?.mailboxIds[mailboxId] && !c.before.mailboxIds[mailboxId]).map((c) => c.after!);
  if (arriving.length) {
    const upper = options.after;
    const lower = serverFull ? lastServer : undefined;
    const inWindow = (e: EmailRecord) =>
      (!upper || before(e.receivedMs, e.threadId, upper)) && (!lower || !before(e.receivedMs, e.threadId, lower));
    for (const email of arriving.filter(inWindow)) {
      const existing = out.find((r) => r.threadId === email.threadId);
      if (existing) {
        const ids = [...existing.emailIds, email.id];
        out.splice(out.indexOf(existing), 1, await rowFrom(db, existing, ids, seen));
      } else {
        out.push(listRow(accountId, email.threadId, mailboxId, [email])!);
      }
    }
    out.sort((a, b) => b.receivedMs - a.receivedMs || (a.threadId < b.threadId ? 1 : -1));
  }
  return out.slice(0, limit);
}

type Seen = ReadonlyMap<string, { before: EmailRecord; after: EmailRecord | null }>;

/** The row with the read and star marks of its emails as the person set them. */
function withMarks(row: ListRow, seen: Seen): ListRow {
  if (!row.emailIds.some((id) => seen.get(id)?.after)) return row;
  const mark = (list: string[], on: (k: EmailRecord['keywords']) => boolean) =>
    row.emailIds.filter((id) => {
      const after = seen.get(id)?.after;
      return after ? on(after.keywords) : list.includes(id);
    });
  return { ...row, unreadIds: mark(row.unreadIds, (k) => !k.$seen), flaggedIds: mark(row.flaggedIds, (k) => !!k.$flagged) };
}

/** (ms, threadId) sorts before the cursor in newest-first order. */
function before(ms: number, threadId: string, c: ThreadPageCursor): boolean {
  return ms < c.receivedMs || (ms === c.receivedMs && threadId < c.threadId);
}

/** The row made again from these of its emails, as the person sees them. */
async function rowFrom(db: MailDb, row: ListRow, emailIds: string[], seen: Seen): Promise<ListRow> {
  const rows = await db.emails.bulkGet(emailIds.map((id) => [row.accountId, id] as Pair));
  const emails = rows.flatMap((e) => {
    const shown = e ? (seen.get(e.id)?.after ?? e) : undefined;
    return shown ? [shown] : [];
  });
  return listRow(row.accountId, row.threadId, row.mailboxId, emails) ?? row;
}
