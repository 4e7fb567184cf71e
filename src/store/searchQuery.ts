/**
 * Queries of the device's search index (searchIndexer.ts): every word of the query must
 * be in a message (AND), each matched as the start of a word ("budg" finds "budget"), a
 * single character only as a whole word. Answers the newest matches first, as email ids.
 *
 * A BucketCache keeps the rows of recently read buckets, so typing a word letter by letter
 * reads its bucket once; its owner drops it whenever an indexer writes (`invalidate`, told
 * by the indexer's onFlush or another tab's word), or asks the disk (`keepUpWith`).
 *
 * IndexedDB requests of all of the origin's contexts queue behind one another in the
 * browser: a query's first request in this worker waited 300-450 ms (at 100,000 messages)
 * while the page counted every email and body key for its "text not on this device"
 * words. That count is now the index's own (`indexedWithoutText`), and a query takes
 * 15-80 ms. Keep long scans off the paths that run while someone types.
 */
import { Dexie } from 'dexie';
import type { MailDb } from './db.ts';
import { maxKey } from './keys.ts';
import type { SearchDocRow } from './searchIndexer.ts';
import { decodePostings, firstTermAtLeast, type SearchTermRow } from './searchPostings.ts';
import { bucketOf, words } from './searchTokens.ts';

export class BucketCache {
  private rows = new Map<string, SearchTermRow[]>();
  constructor(private readonly max = 64) {}

  async read(db: MailDb, accountId: string, bucket: string): Promise<SearchTermRow[]> {
    const key = `${accountId}\n${bucket}`;
    const kept = this.rows.get(key);
    if (kept) {
      // Most recently used last.
      this.rows.delete(key);
      this.rows.set(key, kept);
      return kept;
    }
    const rows = (await db.searchTerms
      .where('[accountId+bucket+chunk]')
      .between([accountId, bucket, Dexie.minKey], [accountId, bucket, maxKey()])
      .toArray()) as SearchTermRow[];
    this.rows.set(key, rows);
    if (this.rows.size > this.max) this.rows.delete(this.rows.keys().next().value!);
    return rows;
  }

  invalidate(): void {
    this.rows.clear();
    this.chunks.clear();
  }

  private chunks = new Map<string, number>();
  /** Forgets what it kept when an indexer (this one or another tab's) wrote since. */
  async keepUpWith(db: MailDb, accountId: string): Promise<void> {
    const chunk = (await db.searchMeta.get(accountId))?.chunk ?? 0;
    if (this.chunks.get(accountId) !== chunk) {
      for (const key of [...this.rows.keys()]) if (key.startsWith(`${accountId}\n`)) this.rows.delete(key);
      this.chunks.set(accountId, chunk);
    }
  }
}

/** The document numbers holding a word (as a prefix when it has two characters or more). */
async function numbersOf(db: MailDb, accountId: string, word: string, cache: BucketCache): Promise<Set<number>> {
  const found = new Set<number>();
  const prefix = word.length >= 2;
  for (const row of await cache.read(db, accountId, bucketOf(word))) {
    for (let i = firstTermAtLeast(row, word); i < row.terms.length; i++) {
      const term = row.terms[i]!;
      if (prefix ? !term.startsWith(word) : term !== word) break;
      decodePostings(row, i, found);
    }
  }
  return found;
}

export interface DeviceSearchResult {
  /** Newest first, at most `limit`. */
  emailIds: string[];
  /** Matches in all (some may be beyond the limit). */
  total: number;
}

export async function searchDevice(
  db: MailDb,
  accountId: string,
  text: string,
  { limit = 2_000, cache = new BucketCache() }: { limit?: number; cache?: BucketCache } = {},
): Promise<DeviceSearchResult> {
  const wanted = [...new Set(words(text))];
  if (wanted.length === 0) return { emailIds: [], total: 0 };
  const sets = await Promise.all(wanted.map((w) => numbersOf(db, accountId, w, cache)));
  sets.sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = sets;
  const hits = [...smallest!].filter((n) => rest.every((s) => s.has(n))).sort((a, b) => b - a);
  const emailIds: string[] = [];
  // Numbers whose document is gone (the email left the mirror) are skipped: read a little more.
  for (let at = 0; at < hits.length && emailIds.length < limit;) {
    const part = hits.slice(at, at + Math.max(100, limit - emailIds.length));
    at += part.length;
    const docs = (await db.searchDocs.bulkGet(part.map((n) => [accountId, n] as [string, number]))) as (SearchDocRow | undefined)[];
    for (const d of docs) if (d && emailIds.length < limit) emailIds.push(d.emailId);
  }
  return { emailIds, total: hits.length };
}

/**
 * How many of the account's indexed messages were searched without their text (it is not
 * on the device): one read of the index's counters, never a count over the mirror.
 * Undefined before the index has counted (a fresh index, or one from before the counter).
 */
export async function indexedWithoutText(db: MailDb, accountId: string): Promise<number | undefined> {
  return (await db.searchMeta.get(accountId))?.withoutBody;
}
