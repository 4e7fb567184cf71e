/**
 * SyncCache (cache.ts) kept in memory: the test double of src/sync's tests and the
 * reference implementation of the contract that src/store's DexieSyncCache keeps too
 * (testing/syncCacheContract.ts runs the same scenarios against both).
 *
 * Not a mock: every method has the stored semantics of the Dexie cache.
 * - `apply` works on a copy of the account's tables and swaps it in only when the whole
 *   patch went through, so a patch that throws half-way leaves nothing applied (the
 *   IndexedDB transaction's abort).
 * - Records are structured-cloned on the way in and out, as IndexedDB does: what a caller
 *   keeps or mutates afterwards never changes the cache, and a record IndexedDB could not
 *   store (an uncloneable value, a missing key) makes the patch fail here too.
 * - An email's place in the offline window depends on the email alone (its mailboxes and
 *   receivedMs), never on what its thread record lists: the Dexie cache's threadInMailbox
 *   rows are derived from the mirror's emails and must give the same answer.
 */
import type { Id } from '../jmap/wire/core.ts';
import type {
  ApplyResult,
  BlobPut,
  BodyRecord,
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
} from './cache.ts';
import { applyQueryChanges } from './querySplice.ts';

interface AccountTables {
  mailboxes: Map<Id, MailboxRecord>;
  threads: Map<Id, ThreadRecord>;
  emails: Map<Id, EmailRecord>;
  bodies: Map<Id, BodyRecord>;
  queries: Map<string, CachedQuery>;
  states: Map<DataType, string>;
  progress: SyncProgress | undefined;
  /** The running total of `bodies`' bytes (the usage row of the Dexie cache). */
  bodyBytes: number;
  /** Attachment bytes kept, in the order stored (a Map keeps insertion order: oldest first). */
  blobs: Map<Id, BlobPut & { storedAt: number }>;
}

function emptyTables(): AccountTables {
  return {
    mailboxes: new Map(),
    threads: new Map(),
    emails: new Map(),
    bodies: new Map(),
    queries: new Map(),
    states: new Map(),
    progress: undefined,
    bodyBytes: 0,
    blobs: new Map(),
  };
}

/** A copy whose maps can be changed without touching the original (records are never mutated in place). */
function copyTables(t: AccountTables): AccountTables {
  return {
    mailboxes: new Map(t.mailboxes),
    threads: new Map(t.threads),
    emails: new Map(t.emails),
    bodies: new Map(t.bodies),
    queries: new Map(t.queries),
    states: new Map(t.states),
    progress: t.progress,
    bodyBytes: t.bodyBytes,
    blobs: new Map(t.blobs),
  };
}

/** As IndexedDB stores a value: a structured clone (throws DataCloneError like a put would). */
const clone = <T>(value: T): T => structuredClone(value);

/** As IndexedDB refuses a record it cannot key (DataError): a key part must be a string or a number. */
function keyOf(value: unknown, what: string): Id {
  if (typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value))) return value as Id;
  throw new DOMException(`${what} has no valid key`, 'DataError');
}

const byKey =
  <T>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export class MemorySyncCache implements SyncCache {
  private readonly accounts = new Map<Id, AccountTables>();
  private readonly statuses = new Map<Id, SyncStatus>();

  private tables(accountId: Id): AccountTables {
    return this.accounts.get(accountId) ?? emptyTables();
  }

  async getStates(accountId: Id): Promise<Partial<Record<DataType, string>>> {
    return Object.fromEntries(this.tables(accountId).states);
  }

  async getQueries(accountId: Id): Promise<CachedQuery[]> {
    return clone([...this.tables(accountId).queries.values()].sort(byKey((q) => q.key)));
  }

  async getProgress(accountId: Id): Promise<SyncProgress | undefined> {
    return clone(this.tables(accountId).progress);
  }

  async getMailboxes(accountId: Id): Promise<MailboxRecord[]> {
    return clone([...this.tables(accountId).mailboxes.values()].sort(byKey((m) => m.id)));
  }

  async setStatus(status: SyncStatus): Promise<void> {
    this.statuses.set(keyOf(status.accountId, 'status'), clone(status));
  }

  async getStatus(accountId: Id): Promise<SyncStatus | undefined> {
    return clone(this.statuses.get(accountId));
  }

  async bodyBytes(accountId: Id): Promise<number> {
    return this.tables(accountId).bodyBytes;
  }

  async apply(accountId: Id, patch: CachePatch): Promise<ApplyResult> {
    // Everything below is synchronous: no other call can see or change the draft.
    const t = copyTables(this.tables(accountId));
    const now = Date.now();

    const mb = patch.mailboxes;
    if (mb) {
      if (mb.replaceAll) {
        const keep = new Set((mb.put ?? []).map((m) => m.id));
        for (const id of [...t.mailboxes.keys()]) if (!keep.has(id)) t.mailboxes.delete(id);
      }
      for (const id of mb.remove ?? []) t.mailboxes.delete(id);
      for (const m of mb.put ?? []) t.mailboxes.set(keyOf(m.id, 'mailbox'), clone({ ...m, accountId }));
    }

    // Emails: removed first (with their bodies), then updates read what is left, then puts.
    const removed = patch.emails?.remove ?? [];
    for (const id of removed) {
      t.emails.delete(id);
      removeBody(t, id);
    }
    const missingEmails: Id[] = [];
    const updated: EmailRecord[] = [];
    for (const c of patch.emails?.update ?? []) {
      const row = t.emails.get(c.id);
      if (row) updated.push({ ...row, mailboxIds: c.mailboxIds, keywords: c.keywords, gen: c.gen });
      else missingEmails.push(c.id);
    }
    for (const e of [...(patch.emails?.put ?? []), ...updated]) t.emails.set(keyOf(e.id, 'email'), clone(e));

    for (const id of patch.threads?.remove ?? []) t.threads.delete(id);
    for (const th of patch.threads?.put ?? []) t.threads.set(keyOf(th.id, 'thread'), clone(th));

    // Destroyed emails leave every cached query, whatever the patch's query updates say.
    // Before the splices (their indexes count positions without the destroyed emails) and after them.
    const gone = new Set(removed);
    if (gone.size) dropFromQueries(t, gone);
    for (const u of patch.queries ?? []) {
      if (u.kind === 'drop') t.queries.delete(u.key);
      else if (u.kind === 'replace') {
        const { kind: _kind, ...rest } = u;
        t.queries.set(keyOf(u.key, 'query'), clone({ accountId, ...rest, updatedAt: now }));
      } else {
        const q = t.queries.get(u.key);
        // A splice for a query nobody caches any more has nothing to apply to.
        if (!q) continue;
        t.queries.set(u.key, {
          ...q,
          ids: applyQueryChanges(q.ids, u.removed, u.added),
          queryState: u.queryState,
          total: u.total !== null ? u.total : q.total,
          updatedAt: now,
        });
      }
    }
    if (gone.size) dropFromQueries(t, gone);

    const bodies = patch.bodies;
    for (const id of bodies?.remove ?? []) removeBody(t, id);
    for (const b of bodies?.put ?? []) {
      // A body is stored only while its email is in the mirror.
      if (!t.emails.has(b.emailId)) continue;
      const stored = clone(b);
      removeBody(t, keyOf(b.emailId, 'body'));
      t.bodies.set(b.emailId, stored);
      t.bodyBytes += stored.bytes;
    }

    for (const [type, state] of Object.entries(patch.states ?? {}) as [DataType, string | null | undefined][]) {
      if (state === undefined) continue;
      if (state === null) t.states.delete(type);
      else t.states.set(type, keyOf(state, 'state'));
    }
    if (patch.progress) t.progress = clone({ ...patch.progress, accountId });

    this.accounts.set(accountId, t);
    return { missingEmails };
  }

  async sweep(accountId: Id, gen: number): Promise<{ emails: number; threads: number }> {
    const t = copyTables(this.tables(accountId));
    const staleEmails = [...t.emails.values()].filter((e) => e.gen < gen).map((e) => e.id);
    const staleThreads = [...t.threads.values()].filter((th) => th.gen < gen).map((th) => th.id);
    if (!staleEmails.length && !staleThreads.length) return { emails: 0, threads: 0 };
    for (const id of staleEmails) {
      t.emails.delete(id);
      removeBody(t, id);
    }
    for (const id of staleThreads) t.threads.delete(id);
    dropFromQueries(t, new Set(staleEmails));
    this.accounts.set(accountId, t);
    return { emails: staleEmails.length, threads: staleThreads.length };
  }

  async emailsInWindow(accountId: Id, mailboxIds: Id[], sinceMs: number): Promise<EmailInWindow[]> {
    const t = this.tables(accountId);
    const out: EmailInWindow[] = [];
    for (const e of t.emails.values()) {
      if (e.receivedMs < sinceMs || !mailboxIds.some((m) => e.mailboxIds[m])) continue;
      out.push({ id: e.id, receivedMs: e.receivedMs, hasBody: t.bodies.has(e.id), hasAttachment: e.hasAttachment });
    }
    return out.sort((a, b) => b.receivedMs - a.receivedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async evictBodies(accountId: Id, budgetBytes: number): Promise<number> {
    const current = this.accounts.get(accountId);
    if (!current || current.bodyBytes <= budgetBytes) return current?.bodyBytes ?? 0;
    const t = copyTables(current);
    // Oldest mail first: it is the least likely to be read offline (ties: by email id, the index order).
    const oldestFirst = [...t.bodies.values()].sort(
      (a, b) => a.receivedMs - b.receivedMs || (a.emailId < b.emailId ? -1 : a.emailId > b.emailId ? 1 : 0),
    );
    for (const b of oldestFirst) {
      if (t.bodyBytes <= budgetBytes) break;
      removeBody(t, b.emailId);
    }
    this.accounts.set(accountId, t);
    return t.bodyBytes;
  }

  async attachmentsOf(accountId: Id, emailIds: Id[]): Promise<EmailAttachments[]> {
    const t = this.tables(accountId);
    return emailIds.flatMap((id) => {
      const b = t.bodies.get(id);
      return b ? [{ emailId: id, receivedMs: b.receivedMs, parts: clone(b.attachments) }] : [];
    });
  }

  async blobIds(accountId: Id): Promise<Id[]> {
    return [...this.tables(accountId).blobs.values()].sort((a, b) => a.storedAt - b.storedAt).map((b) => b.blobId);
  }

  async putBlob(accountId: Id, blob: BlobPut): Promise<void> {
    const t = copyTables(this.tables(accountId));
    t.blobs.delete(blob.blobId);
    t.blobs.set(keyOf(blob.blobId, 'A blob'), { ...clone(blob), storedAt: Date.now() });
    this.accounts.set(accountId, t);
  }

  async removeBlobs(accountId: Id, blobIds: Id[]): Promise<number> {
    const t = copyTables(this.tables(accountId));
    let freed = 0;
    for (const id of blobIds) {
      freed += t.blobs.get(id)?.size ?? 0;
      t.blobs.delete(id);
    }
    this.accounts.set(accountId, t);
    return freed;
  }

  async blobBytes(accountId: Id): Promise<number> {
    let n = 0;
    for (const b of this.tables(accountId).blobs.values()) n += b.size;
    return n;
  }

  async evictBlobs(accountId: Id, budgetBytes: number): Promise<number> {
    let total = await this.blobBytes(accountId);
    const victims: Id[] = [];
    for (const id of await this.blobIds(accountId)) {
      if (total <= budgetBytes) break;
      total -= this.tables(accountId).blobs.get(id)!.size;
      victims.push(id);
    }
    await this.removeBlobs(accountId, victims);
    return total;
  }
}

function removeBody(t: AccountTables, emailId: Id): void {
  const old = t.bodies.get(emailId);
  if (!old) return;
  t.bodies.delete(emailId);
  t.bodyBytes = Math.max(0, t.bodyBytes - old.bytes);
}

function dropFromQueries(t: AccountTables, gone: ReadonlySet<Id>): void {
  for (const [key, q] of t.queries) {
    if (q.ids.some((id) => gone.has(id))) t.queries.set(key, { ...q, ids: q.ids.filter((id) => !gone.has(id)) });
  }
}
