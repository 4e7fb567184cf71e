/**
 * The device's full-text index over the mirror: subjects, people, previews and every kept
 * body. It lives in IndexedDB as append-only rows (searchPostings.ts), so a start reads
 * nothing of it until somebody searches, and a save writes only what is new.
 *
 * Documents are numbered, not named: postings hold numbers, searchDocs maps them back to
 * email ids. Numbers follow arrival time as far as the indexer can tell (new mail counts
 * up from 2^30, older mail found later counts down from below it), so the highest numbers
 * of a posting list are the newest mail: a word in 50,000 messages answers with its most
 * recent ones without reading the rest.
 *
 * Invariants:
 * - One indexer per account at a time (a Web Lock where there is one; the caller's job
 *   elsewhere): two would hand out the same numbers.
 * - A document is never removed from postings: deleting its searchDocs row is enough,
 *   queries skip numbers that have no row. A document whose text was evicted is removed
 *   so and indexed again, metadata only, under a new number.
 * - It indexes only what the mirror holds; `forgetMirror` drops it with the mirror.
 */
import { Dexie } from 'dexie';
import type { BodyRecord, EmailRecord } from '../sync/cache.ts';
import type { MailDb } from './db.ts';
import { maxKey } from './keys.ts';
import { encodeBucket, type SearchTermRow } from './searchPostings.ts';
import { bucketOf, words } from './searchTokens.ts';

export interface SearchDocRow {
  accountId: string;
  n: number;
  emailId: string;
  /** 1 once the email's body is in the index (IndexedDB keys cannot be booleans). */
  body: 0 | 1;
}

export interface SearchMetaRow {
  accountId: string;
  /** The next number for mail newer than any indexed (counts up). */
  high: number;
  /** The next number for mail older than the newest indexed (counts down). */
  low: number;
  newestMs: number;
  /** The last chunk written; rows of searchTerms carry it. */
  chunk: number;
  /** Documents in the index. */
  docs: number;
  /**
   * Of them, those indexed without a body (by subject, people and preview only): what a
   * search tells it could not read. Kept here because counting it from the mirror (every
   * email key against every body key) takes the browser's IndexedDB a few hundred ms at
   * 100,000 messages, and other contexts' requests wait behind it (a query typed in the
   * search worker did, 300-450 ms each). Absent on indexes written before it: counted once.
   */
  withoutBody?: number;
  /** What the mirror looked like when the index was last level with it (IndexOptions). */
  mirrorSeen?: string;
}

const START = 2 ** 30;
/** Characters of one body the index holds (as the old index did). */
const BODY_CHARS = 20_000;

/** The text of a kept body the index holds (and device hits quote). */
export function bodyText(b: BodyRecord | undefined): string {
  if (!b) return '';
  return b.textBody
    .map((p) => {
      const value = p.partId ? (b.bodyValues[p.partId]?.value ?? '') : '';
      // An HTML-only message's text body is its HTML: its words, not its tags.
      return p.type === 'text/html' ? value.replace(/<style[\s\S]*?<\/style>|<[^>]*>/gi, ' ').replace(/&[a-z#0-9]+;/gi, ' ') : value;
    })
    .join('\n')
    .slice(0, BODY_CHARS);
}

const peopleOf = (e: EmailRecord) =>
  [...(e.from ?? []), ...(e.to ?? []), ...(e.cc ?? [])].map((a) => `${a.name ?? ''} ${a.email}`).join(' ');

export interface IndexRun {
  added: number;
  bodiesAdded: number;
  removed: number;
  /** Documents whose text was evicted since they were indexed (re-added without it). */
  textEvicted: number;
  docs: number;
}

export interface IndexOptions {
  /** Documents gathered before a chunk is written (bigger: fewer rows, more memory). */
  flushEvery?: number;
  /** Called after each written chunk (for progress words and tests). */
  onFlush?(run: IndexRun): void;
  /**
   * A digest of the mirror's state the caller watches (its JMAP states and kept bodies):
   * when the index was last made level with the same one, the run reads nothing more (a
   * warm start of 100,000 messages would otherwise read 300,000 keys to find no change).
   */
  mirrorSeen?: string;
}

/**
 * Brings the index level with the mirror: adds emails it lacks, the bodies kept since,
 * and forgets emails the mirror no longer has. Resumable: a run stopped half way leaves
 * whole chunks, and the next run carries on from what they hold.
 */
export async function indexMirror(db: MailDb, accountId: string, options: IndexOptions = {}): Promise<IndexRun> {
  const flushEvery = options.flushEvery ?? 2_000;
  const run: IndexRun = { added: 0, bodiesAdded: 0, removed: 0, textEvicted: 0, docs: 0 };
  let meta: SearchMetaRow = (await db.searchMeta.get(accountId)) ?? {
    accountId,
    high: START,
    low: START - 1,
    newestMs: -Infinity,
    chunk: 0,
    docs: 0,
  };
  if (options.mirrorSeen !== undefined && meta.mirrorSeen === options.mirrorSeen && meta.withoutBody !== undefined)
    return { ...run, docs: meta.docs };
  const [emailKeys, bodyKeys, docKeys] = await Promise.all([
    db.emails.where(':id').between([accountId, ''], [accountId, '\uffff']).primaryKeys() as Promise<[string, string][]>,
    db.bodies.where(':id').between([accountId, ''], [accountId, '\uffff']).primaryKeys() as Promise<[string, string][]>,
    db.searchDocs
      .where('[accountId+emailId+body]')
      .between([accountId, '', Dexie.minKey], [accountId, '\uffff', maxKey()])
      .keys() as unknown as Promise<[string, string, 0 | 1][]>,
  ]);
  const indexed = new Map(docKeys.map((k) => [k[1], k[2]]));
  if (meta.withoutBody === undefined) meta = { ...meta, withoutBody: [...indexed.values()].filter((b) => b === 0).length };
  const inMirror = new Set(emailKeys.map((k) => k[1]));
  const withBody = new Set(bodyKeys.map((k) => k[1]));

  const gone = [...indexed.keys()].filter((id) => !inMirror.has(id));
  if (gone.length) {
    await db.transaction('rw', [db.searchDocs, db.searchMeta], async () => {
      for (let i = 0; i < gone.length; i += 500) {
        await db.searchDocs
          .where('[accountId+emailId+body]')
          .anyOf(
            gone.slice(i, i + 500).flatMap((id) => [[accountId, id, 0] as const, [accountId, id, 1] as const]) as [
              string,
              string,
              number,
            ][],
          )
          .delete();
      }
      const goneWithout = gone.filter((id) => indexed.get(id) === 0).length;
      meta = { ...meta, docs: Math.max(0, meta.docs - gone.length), withoutBody: Math.max(0, (meta.withoutBody ?? 0) - goneWithout) };
      await db.searchMeta.put(meta);
    });
    gone.forEach((id) => indexed.delete(id));
    run.removed = gone.length;
  }

  // Text evicted since it was indexed (storage ran short, the choice narrowed): its words
  // would find mail whose text the device cannot show. The document leaves the index and
  // comes back below under a new number with its metadata only, so a body word no longer
  // finds it, and search counts it among the messages searched without their text.
  const evicted = [...indexed].filter(([id, b]) => b === 1 && !withBody.has(id)).map(([id]) => id);
  if (evicted.length) {
    await db.transaction('rw', [db.searchDocs, db.searchMeta], async () => {
      for (let i = 0; i < evicted.length; i += 500) {
        await db.searchDocs
          .where('[accountId+emailId+body]')
          .anyOf(evicted.slice(i, i + 500).map((id) => [accountId, id, 1]))
          .delete();
      }
      meta = { ...meta, docs: Math.max(0, meta.docs - evicted.length) };
      await db.searchMeta.put(meta);
    });
    evicted.forEach((id) => indexed.delete(id));
    run.textEvicted = evicted.length;
  }

  const todo = [...inMirror].filter((id) => !indexed.has(id) || (indexed.get(id) === 0 && withBody.has(id)));
  let postings = new Map<string, Map<string, number[]>>();
  let docs: SearchDocRow[] = [];
  // Of `docs`, how many are new to the index (the rest gained their body: same row, rewritten),
  // and how many more the index holds without a body after them (negative: bodies came).
  let fresh = 0;
  let bodyless = 0;

  const flush = async () => {
    if (docs.length === 0) return;
    const chunk = meta.chunk + 1;
    const rows: SearchTermRow[] = [...postings].map(([bucket, terms]) => encodeBucket(accountId, bucket, chunk, terms));
    const next: SearchMetaRow = { ...meta, chunk, docs: meta.docs + fresh, withoutBody: Math.max(0, (meta.withoutBody ?? 0) + bodyless) };
    await db.transaction('rw', [db.searchTerms, db.searchDocs, db.searchMeta, db.accounts], async () => {
      // Signed out meanwhile: nothing of the account is written back.
      if (!(await db.accounts.get(accountId))) throw new Dexie.AbortError('signed out');
      await db.searchTerms.bulkPut(rows);
      await db.searchDocs.bulkPut(docs);
      await db.searchMeta.put(next);
    });
    meta = next;
    run.docs = meta.docs;
    options.onFlush?.({ ...run });
    postings = new Map();
    docs = [];
    fresh = 0;
    bodyless = 0;
  };

  for (let i = 0; i < todo.length; i += 500) {
    const part = todo.slice(i, i + 500);
    const keys = part.map((id) => [accountId, id] as [string, string]);
    const [emails, bodies, known] = await Promise.all([
      db.emails.bulkGet(keys),
      db.bodies.bulkGet(keys),
      db.searchDocs
        .where('[accountId+emailId+body]')
        .anyOf(part.filter((id) => indexed.has(id)).map((id) => [accountId, id, 0]))
        .toArray(),
    ]);
    const numberOf = new Map(known.map((d) => [d.emailId, d.n]));
    const found = emails.map((e, j) => ({ e, b: bodies[j] })).filter((x): x is { e: EmailRecord; b: BodyRecord | undefined } => !!x.e);
    // Newer than anything indexed: numbered upwards, oldest first; the rest downwards,
    // newest first. Either way the order of numbers is the order of arrival times.
    const newer = found
      .filter((x) => !numberOf.has(x.e.id) && x.e.receivedMs > meta.newestMs)
      .sort((a, b) => a.e.receivedMs - b.e.receivedMs);
    const older = found
      .filter((x) => !numberOf.has(x.e.id) && x.e.receivedMs <= meta.newestMs)
      .sort((a, b) => b.e.receivedMs - a.e.receivedMs);
    const again = found.filter((x) => numberOf.has(x.e.id));
    const add = (n: number, text: string) => {
      for (const w of new Set(words(text))) {
        const bucket = bucketOf(w);
        let terms = postings.get(bucket);
        if (!terms) postings.set(bucket, (terms = new Map()));
        let list = terms.get(w);
        if (!list) terms.set(w, (list = []));
        list.push(n);
      }
    };
    const addNew = (n: number, e: EmailRecord, b: BodyRecord | undefined) => {
      add(n, `${e.subject ?? ''} ${peopleOf(e)} ${e.preview ?? ''} ${bodyText(b)}`);
      docs.push({ accountId, n, emailId: e.id, body: b ? 1 : 0 });
      fresh++;
      if (!b) bodyless++;
      run.added++;
    };
    for (const { e, b } of newer) {
      addNew(meta.high, e, b);
      meta = { ...meta, high: meta.high + 1, newestMs: e.receivedMs };
    }
    for (const { e, b } of older) {
      addNew(meta.low, e, b);
      meta = { ...meta, low: meta.low - 1 };
    }
    for (const { e, b } of again) {
      if (!b) continue;
      const n = numberOf.get(e.id)!;
      // The metadata's words are indexed already; the body's join them under the same number.
      add(n, bodyText(b));
      docs.push({ accountId, n, emailId: e.id, body: 1 });
      bodyless--;
      run.bodiesAdded++;
    }
    if (docs.length >= flushEvery) await flush();
  }
  await flush();
  if (options.mirrorSeen !== undefined) {
    const seen = { ...meta, mirrorSeen: options.mirrorSeen };
    await db.transaction('rw', [db.searchMeta, db.accounts], async () => {
      if (await db.accounts.get(accountId)) await db.searchMeta.put(seen);
    });
    meta = seen;
  }
  run.docs = meta.docs;
  return run;
}
