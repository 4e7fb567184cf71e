/**
 * SyncCache (src/sync/cache.ts) implemented with Dexie. Each method is one IndexedDB
 * transaction; `apply` writes a whole patch atomically, derived rows (threadInMailbox,
 * usage totals, cached queries losing destroyed emails) included.
 */
import type {
  ApplyResult,
  BlobPut,
  CachePatch,
  EmailAttachments,
  CachedQuery,
  DataType,
  EmailInWindow,
  EmailRecord,
  MailboxRecord,
  SyncCache,
  SyncProgress,
  SyncStatus,
  ThreadRecord,
} from '../sync/cache.ts';
import { applyQueryChanges } from '../sync/querySplice.ts';
import { blobBytes, evictBlobs } from './blobs.ts';
import type { MailDb } from './db.ts';
import { MIN_KEY as MIN, accountRange, maxKey } from './keys.ts';
import { scanAccount } from './scan.ts';
import { readSetting, signedOut } from './settings.ts';
import { threadInMailboxRows } from './threadRows.ts';

export class DexieSyncCache implements SyncCache {
  constructor(readonly db: MailDb) {}

  async getStates(accountId: string): Promise<Partial<Record<DataType, string>>> {
    const [lo, hi] = accountRange(accountId);
    const rows = await this.db.states.where(':id').between(lo, hi).toArray();
    const out: Partial<Record<DataType, string>> = {};
    for (const row of rows) out[row.type] = row.state;
    return out;
  }

  async getQueries(accountId: string): Promise<CachedQuery[]> {
    const [lo, hi] = accountRange(accountId);
    return this.db.queries.where(':id').between(lo, hi).toArray();
  }

  getProgress(accountId: string): Promise<SyncProgress | undefined> {
    return this.db.progress.get(accountId);
  }

  async getMailboxes(accountId: string): Promise<MailboxRecord[]> {
    const [lo, hi] = accountRange(accountId);
    return this.db.mailboxes.where(':id').between(lo, hi).toArray();
  }

  async setStatus(status: SyncStatus): Promise<void> {
    const db = this.db;
    const marker = await signedOut(status.accountId);
    return db.transaction('rw', [db.syncStatus, db.settings], async () => {
      if (await readSetting(db, marker)) return;
      await db.syncStatus.put(status);
    });
  }

  getStatus(accountId: string): Promise<SyncStatus | undefined> {
    return this.db.syncStatus.get(accountId);
  }

  async bodyBytes(accountId: string): Promise<number> {
    return (await this.db.usage.get(accountId))?.bodyBytes ?? 0;
  }

  async apply(accountId: string, patch: CachePatch): Promise<ApplyResult> {
    const db = this.db;
    const marker = await signedOut(accountId);
    const tables = [
      db.mailboxes,
      db.threads,
      db.emails,
      db.threadInMailbox,
      db.queries,
      db.bodies,
      db.states,
      db.progress,
      db.usage,
      db.settings,
    ];
    return db.transaction('rw', tables, async () => {
      // Signed out here: whatever this engine still had to write belongs to nobody now.
      if (await readSetting(db, marker)) throw new Error('This account was signed out on this device: nothing more is kept for it.');
      const touchedThreads = new Set<string>();
      const emailsById = new Map<string, EmailRecord>();

      // Mailboxes: as the server sent them, counts included.
      const mb = patch.mailboxes;
      if (mb) {
        if (mb.replaceAll) {
          const keep = new Set((mb.put ?? []).map((m) => m.id));
          const [lo, hi] = accountRange(accountId);
          const existing = (await db.mailboxes.where(':id').between(lo, hi).primaryKeys()) as [string, string][];
          const gone = existing.filter(([, id]) => !keep.has(id));
          if (gone.length) await db.mailboxes.bulkDelete(gone);
        }
        if (mb.remove?.length) await db.mailboxes.bulkDelete(mb.remove.map((id) => [accountId, id] as [string, string]));
        if (mb.put?.length) await db.mailboxes.bulkPut(mb.put.map((m) => ({ ...m, accountId })));
      }

      // Emails removed: remember their threads before the rows go.
      const removedEmails = patch.emails?.remove ?? [];
      if (removedEmails.length) {
        const keys = removedEmails.map((id) => [accountId, id] as [string, string]);
        const old = await db.emails.bulkGet(keys);
        for (const e of old) if (e) touchedThreads.add(e.threadId);
        await db.emails.bulkDelete(keys);
        await this.removeBodies(accountId, removedEmails);
      }
      const putEmails = [...(patch.emails?.put ?? [])];
      const missingEmails: string[] = [];
      const changes = patch.emails?.update ?? [];
      if (changes.length) {
        const stored = await db.emails.bulkGet(changes.map((c) => [accountId, c.id] as [string, string]));
        changes.forEach((c, i) => {
          const row = stored[i];
          if (row) putEmails.push({ ...row, mailboxIds: c.mailboxIds, keywords: c.keywords, gen: c.gen });
          else missingEmails.push(c.id);
        });
      }
      if (putEmails.length) {
        await db.emails.bulkPut(putEmails);
        for (const e of putEmails) {
          emailsById.set(e.id, e);
          touchedThreads.add(e.threadId);
        }
      }

      const threadsById = new Map<string, ThreadRecord | null>();
      const removedThreads = patch.threads?.remove ?? [];
      if (removedThreads.length) {
        await db.threads.bulkDelete(removedThreads.map((id) => [accountId, id] as [string, string]));
        for (const id of removedThreads) {
          threadsById.set(id, null);
          touchedThreads.add(id);
        }
      }
      const putThreads = patch.threads?.put ?? [];
      if (putThreads.length) {
        await db.threads.bulkPut(putThreads);
        for (const t of putThreads) {
          threadsById.set(t.id, t);
          touchedThreads.add(t.id);
        }
      }

      if (touchedThreads.size) await this.rebuildThreadRows(accountId, touchedThreads, threadsById, emailsById);

      // Destroyed emails leave every cached query, whatever queryChanges says (now or later).
      const updates = patch.queries ?? [];
      if (removedEmails.length || updates.length) {
        const [lo, hi] = accountRange(accountId);
        const queries = new Map((await db.queries.where(':id').between(lo, hi).toArray()).map((q) => [q.key, q]));
        const dirty = new Set<string>();
        const gone = new Set(removedEmails);
        const dropGone = () => {
          for (const q of queries.values()) {
            if (q.ids.some((id) => gone.has(id))) {
              q.ids = q.ids.filter((id) => !gone.has(id));
              dirty.add(q.key);
            }
          }
        };
        // Before the splices (their indexes count positions without the destroyed emails)...
        if (gone.size) dropGone();
        const now = Date.now();
        for (const u of updates) {
          if (u.kind === 'drop') {
            queries.delete(u.key);
            dirty.delete(u.key);
            await db.queries.delete([accountId, u.key]);
          } else if (u.kind === 'replace') {
            queries.set(u.key, {
              accountId,
              key: u.key,
              definition: u.definition,
              ids: u.ids,
              queryState: u.queryState,
              canCalculateChanges: u.canCalculateChanges,
              total: u.total,
              updatedAt: now,
            });
            dirty.add(u.key);
          } else {
            const q = queries.get(u.key);
            // A splice for a query nobody caches any more has nothing to apply to.
            if (!q) continue;
            q.ids = applyQueryChanges(q.ids, u.removed, u.added);
            q.queryState = u.queryState;
            if (u.total !== null) q.total = u.total;
            q.updatedAt = now;
            dirty.add(u.key);
          }
        }
        // ...and after them: an answer in the same patch may still list a destroyed email.
        if (gone.size) dropGone();
        const rows = [...dirty].map((k) => queries.get(k)).filter((q): q is CachedQuery => !!q);
        if (rows.length) await db.queries.bulkPut(rows);
      }

      const bodies = patch.bodies;
      if (bodies?.remove?.length) await this.removeBodies(accountId, bodies.remove);
      if (bodies?.put?.length) {
        const all = bodies.put.map((b) => [accountId, b.emailId] as [string, string]);
        const present = await db.emails.bulkGet(all);
        const put = bodies.put.filter((_, i) => present[i]);
        const keys = put.map((b) => [accountId, b.emailId] as [string, string]);
        const old = await db.bodies.bulkGet(keys);
        const delta = put.reduce((n, b) => n + b.bytes, 0) - old.reduce((n, b) => n + (b?.bytes ?? 0), 0);
        if (put.length) await db.bodies.bulkPut(put);
        await this.addUsage(accountId, delta);
      }

      if (patch.states) {
        const now = Date.now();
        for (const [type, state] of Object.entries(patch.states) as [DataType, string | null | undefined][]) {
          if (state === undefined) continue;
          if (state === null) await db.states.delete([accountId, type]);
          else await db.states.put({ accountId, type, state, updatedAt: now });
        }
      }
      if (patch.progress) await db.progress.put({ ...patch.progress, accountId });
      return { missingEmails };
    });
  }

  /** Rewrites the threadInMailbox rows of these threads from the mirror's emails. */
  private async rebuildThreadRows(
    accountId: string,
    threadIds: Set<string>,
    threadsById: Map<string, ThreadRecord | null>,
    emailsById: Map<string, EmailRecord>,
  ): Promise<void> {
    const db = this.db;
    const ids = [...threadIds];
    const missing = ids.filter((id) => !threadsById.has(id));
    if (missing.length) {
      const stored = await db.threads.bulkGet(missing.map((id) => [accountId, id] as [string, string]));
      missing.forEach((id, i) => threadsById.set(id, stored[i] ?? null));
    }
    // One query for all the threads' old rows (a range per thread).
    const ranges = ids.map((id) => [
      [accountId, id, MIN],
      [accountId, id, maxKey()],
    ]) as [unknown[], unknown[]][];
    const oldRows = await db.threadInMailbox.where(':id').inAnyRange(ranges, { includeUppers: true }).toArray();
    // The thread's emails: those it lists, any just written that name it (a thread row can
    // lag behind a new email when the server reports them in different rounds), and those
    // its old rows held (an email stays counted until it goes, whatever a later thread
    // record lists; one removed or moved to another thread is dropped below).
    const wanted = new Map<string, Set<string>>();
    for (const id of ids) wanted.set(id, new Set(threadsById.get(id)?.emailIds ?? []));
    for (const e of emailsById.values()) wanted.get(e.threadId)?.add(e.id);
    for (const r of oldRows) for (const e of r.emailIds) wanted.get(r.threadId)?.add(e);
    const toLoad: [string, string][] = [];
    for (const set of wanted.values()) for (const id of set) if (!emailsById.has(id)) toLoad.push([accountId, id]);
    const loaded = toLoad.length ? await db.emails.bulkGet(toLoad) : [];
    const all = new Map(emailsById);
    for (const e of loaded) if (e) all.set(e.id, e);

    if (oldRows.length)
      await db.threadInMailbox.bulkDelete(oldRows.map((r) => [accountId, r.threadId, r.mailboxId] as [string, string, string]));
    const rows = [];
    for (const id of ids) {
      // An email whose row is gone or that moved to another thread does not count.
      const emails = [...(wanted.get(id) ?? [])].map((e) => all.get(e)).filter((e): e is EmailRecord => !!e && e.threadId === id);
      rows.push(...threadInMailboxRows(accountId, id, emails));
    }
    if (rows.length) await db.threadInMailbox.bulkPut(rows);
  }

  private async removeBodies(accountId: string, emailIds: readonly string[]): Promise<void> {
    const keys = emailIds.map((id) => [accountId, id] as [string, string]);
    const old = await this.db.bodies.bulkGet(keys);
    const bytes = old.reduce((n, b) => n + (b?.bytes ?? 0), 0);
    if (!bytes && !old.some(Boolean)) return;
    await this.db.bodies.bulkDelete(keys);
    await this.addUsage(accountId, -bytes);
  }

  private async addUsage(accountId: string, bodyDelta: number): Promise<void> {
    const row = (await this.db.usage.get(accountId)) ?? { accountId, bodyBytes: 0, blobBytes: 0 };
    row.bodyBytes = Math.max(0, row.bodyBytes + bodyDelta);
    await this.db.usage.put(row);
  }

  sweep(accountId: string, gen: number): Promise<{ emails: number; threads: number }> {
    const db = this.db;
    return db.transaction('rw', [db.emails, db.threads, db.threadInMailbox, db.queries, db.bodies, db.usage], async () => {
      const [lo, hi] = accountRange(accountId);
      const staleEmails = await scanAccount(db.emails, accountId, (e) => e.gen < gen);
      const staleThreads = (await scanAccount(db.threads, accountId, (t) => t.gen < gen)).map((t) => [accountId, t.id] as [string, string]);
      if (!staleEmails.length && !staleThreads.length) return { emails: 0, threads: 0 };
      const emailIds = staleEmails.map((e) => e.id);
      await db.emails.bulkDelete(emailIds.map((id) => [accountId, id] as [string, string]));
      await db.threads.bulkDelete(staleThreads);
      await this.removeBodies(accountId, emailIds);
      const threadIds = new Set([...staleEmails.map((e) => e.threadId), ...staleThreads.map(([, id]) => id)]);
      await this.rebuildThreadRows(accountId, threadIds, new Map(), new Map());
      const gone = new Set(emailIds);
      const queries = await db.queries.where(':id').between(lo, hi).toArray();
      const changed = queries.filter((q) => q.ids.some((id) => gone.has(id)));
      for (const q of changed) q.ids = q.ids.filter((id) => !gone.has(id));
      if (changed.length) await db.queries.bulkPut(changed);
      return { emails: emailIds.length, threads: staleThreads.length };
    });
  }

  async emailsInWindow(accountId: string, mailboxIds: string[], sinceMs: number): Promise<EmailInWindow[]> {
    const db = this.db;
    return db.transaction('r', [db.threadInMailbox, db.emails, db.bodies], async () => {
      const ids = new Set<string>();
      for (const mailboxId of mailboxIds) {
        const rows = await db.threadInMailbox
          .where('[accountId+mailboxId+receivedMs+threadId]')
          .between([accountId, mailboxId, sinceMs, MIN], [accountId, mailboxId, maxKey(), maxKey()])
          .toArray();
        for (const r of rows) for (const id of r.emailIds) ids.add(id);
      }
      const keys = [...ids].map((id) => [accountId, id] as [string, string]);
      // Which have a body, from keys alone when many are asked (all mail in scope: reading
      // every body's value to learn it exists would read the whole text of the mirror).
      const hasBody =
        keys.length > 200
          ? new Set(
              ((await db.bodies.where(':id').between([accountId, MIN], [accountId, maxKey()]).primaryKeys()) as [string, string][]).map(
                (k) => k[1],
              ),
            )
          : new Set((await db.bodies.bulkGet(keys)).flatMap((b) => (b ? [b.emailId] : [])));
      const emails = await db.emails.bulkGet(keys);
      const out: EmailInWindow[] = [];
      emails.forEach((e) => {
        if (e && e.receivedMs >= sinceMs)
          out.push({ id: e.id, receivedMs: e.receivedMs, hasBody: hasBody.has(e.id), hasAttachment: e.hasAttachment === true });
      });
      return out.sort((a, b) => b.receivedMs - a.receivedMs);
    });
  }

  evictBodies(accountId: string, budgetBytes: number): Promise<number> {
    const db = this.db;
    return db.transaction('rw', [db.bodies, db.usage], async () => {
      let total = (await db.usage.get(accountId))?.bodyBytes ?? 0;
      if (total <= budgetBytes) return total;
      // Oldest mail first: it is the least likely to be read offline.
      const victims: [string, string][] = [];
      let freed = 0;
      await db.bodies
        .where('[accountId+receivedMs]')
        .between([accountId, MIN], [accountId, maxKey()])
        .until(() => total - freed <= budgetBytes)
        .each((b) => {
          victims.push([accountId, b.emailId]);
          freed += b.bytes;
        });
      await db.bodies.bulkDelete(victims);
      total -= freed;
      await this.addUsage(accountId, -freed);
      return total;
    });
  }

  async attachmentsOf(accountId: string, emailIds: string[]): Promise<EmailAttachments[]> {
    const bodies = await this.db.bodies.bulkGet(emailIds.map((id) => [accountId, id] as [string, string]));
    return bodies.flatMap((b) => (b ? [{ emailId: b.emailId, receivedMs: b.receivedMs, parts: b.attachments ?? [] }] : []));
  }

  async blobIds(accountId: string): Promise<string[]> {
    // Keys only, in the order stored: the bytes themselves stay on disk.
    const keys = (await this.db.blobs
      .where('[accountId+storedAt]')
      .between([accountId, MIN], [accountId, maxKey()])
      .primaryKeys()) as unknown as [string, string][];
    return keys.map((k) => k[1]);
  }

  async putBlob(accountId: string, blob: BlobPut): Promise<void> {
    const db = this.db;
    const marker = await signedOut(accountId);
    await db.transaction('rw', [db.blobs, db.usage, db.settings], async () => {
      // As apply: an engine finishing after a sign-out keeps nothing for nobody.
      if (await readSetting(db, marker)) throw new Error('This account was signed out on this device: nothing more is kept for it.');
      const old = await db.blobs.get([accountId, blob.blobId]);
      // ArrayBuffer, not Blob: Safari has lost Blobs stored in IndexedDB.
      await db.blobs.put({ accountId, blobId: blob.blobId, type: blob.type, size: blob.size, data: blob.data, storedAt: Date.now() });
      await this.addBlobUsage(accountId, blob.size - (old?.size ?? 0));
    });
  }

  removeBlobs(accountId: string, blobIds: string[]): Promise<number> {
    const db = this.db;
    return db.transaction('rw', [db.blobs, db.usage], async () => {
      const keys = blobIds.map((id) => [accountId, id] as [string, string]);
      // Sizes from the rows (their bytes are read too: IndexedDB has no partial read).
      let freed = 0;
      for (let i = 0; i < keys.length; i += 50) {
        for (const b of await db.blobs.bulkGet(keys.slice(i, i + 50))) freed += b?.size ?? 0;
      }
      await db.blobs.bulkDelete(keys);
      await this.addBlobUsage(accountId, -freed);
      return freed;
    });
  }

  blobBytes(accountId: string): Promise<number> {
    return blobBytes(this.db, accountId);
  }

  evictBlobs(accountId: string, budgetBytes: number): Promise<number> {
    return evictBlobs(this.db, accountId, budgetBytes);
  }

  private async addBlobUsage(accountId: string, delta: number): Promise<void> {
    const row = (await this.db.usage.get(accountId)) ?? { accountId, bodyBytes: 0, blobBytes: 0 };
    row.blobBytes = Math.max(0, row.blobBytes + delta);
    await this.db.usage.put(row);
  }
}
