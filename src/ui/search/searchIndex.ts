/**
 * The offline full-text index: minisearch over subject, names, addresses, preview and the
 * cached bodies. Updated incrementally (only emails added to or removed from the mirror,
 * and bodies newly cached) and persisted in db.searchIndex, so a reload does not rebuild it.
 */
import MiniSearch from 'minisearch';
import type { MailDb } from '../../store/index.ts';
import type { BodyRecord, EmailRecord } from '../../sync/index.ts';

interface Doc {
  id: string;
  subject: string;
  people: string;
  preview: string;
  body: string;
}

const OPTIONS = {
  fields: ['subject', 'people', 'preview', 'body'],
  storeFields: [] as string[],
  searchOptions: { boost: { subject: 3, people: 2 }, prefix: true, fuzzy: 0.15, combineWith: 'AND' as const },
};

export interface AccountIndex {
  search: MiniSearch<Doc>;
  /** email id -> whether its body is in the index */
  indexed: Map<string, boolean>;
}

const people = (e: EmailRecord) => [...(e.from ?? []), ...(e.to ?? []), ...(e.cc ?? [])].map((a) => `${a.name ?? ''} ${a.email}`).join(' ');

/** The text of a kept body the index holds (and device hits quote: localSnippet.ts). */
export function bodyText(b: BodyRecord | undefined): string {
  if (!b) return '';
  return b.textBody
    .map((p) => (p.partId ? (b.bodyValues[p.partId]?.value ?? '') : ''))
    .join('\n')
    .slice(0, 20_000);
}

const memory = new Map<string, AccountIndex>();

export async function loadIndex(db: MailDb, accountId: string): Promise<AccountIndex> {
  const live = memory.get(accountId);
  if (live) return live;
  const row = (await db.searchIndex.get(accountId)) as { accountId: string; json?: string; indexed?: [string, boolean][] } | undefined;
  let index: AccountIndex;
  try {
    index = row?.json
      ? { search: MiniSearch.loadJSON<Doc>(row.json, OPTIONS), indexed: new Map(row.indexed ?? []) }
      : { search: new MiniSearch<Doc>(OPTIONS), indexed: new Map() };
  } catch {
    index = { search: new MiniSearch<Doc>(OPTIONS), indexed: new Map() };
  }
  memory.set(accountId, index);
  return index;
}

/** Brings the index level with the mirror. Returns how many emails changed in it. */
export async function updateIndex(db: MailDb, accountId: string): Promise<number> {
  const index = await loadIndex(db, accountId);
  const keys = (await db.emails.where(':id').between([accountId, ''], [accountId, '\uffff']).primaryKeys()) as [string, string][];
  const ids = new Set(keys.map((k) => k[1]));
  const bodyKeys = (await db.bodies.where(':id').between([accountId, ''], [accountId, '\uffff']).primaryKeys()) as [string, string][];
  const withBody = new Set(bodyKeys.map((k) => k[1]));
  let changed = 0;
  for (const id of [...index.indexed.keys()]) {
    if (!ids.has(id)) {
      index.search.discard(id);
      index.indexed.delete(id);
      changed++;
    }
  }
  const todo = [...ids].filter((id) => !index.indexed.has(id) || (withBody.has(id) && !index.indexed.get(id)));
  for (let i = 0; i < todo.length; i += 500) {
    const part = todo.slice(i, i + 500);
    const emails = await db.emails.bulkGet(part.map((id) => [accountId, id] as [string, string]));
    const bodies = await db.bodies.bulkGet(part.map((id) => [accountId, id] as [string, string]));
    emails.forEach((e, j) => {
      if (!e) return;
      if (index.indexed.has(e.id)) index.search.discard(e.id);
      index.search.add({ id: e.id, subject: e.subject ?? '', people: people(e), preview: e.preview, body: bodyText(bodies[j]) });
      index.indexed.set(e.id, !!bodies[j]);
      changed++;
    });
  }
  if (changed) scheduleSave(db, accountId, index);
  return changed;
}

/**
 * Writing the index down serialises all of it on the main thread (tens of MB for
 * 100,000 messages), so it is done at most once a minute, when the page is idle: a
 * single new message must not cost that. What a reload finds unsaved, updateIndex adds
 * again (it compares the index with the mirror), so nothing is lost by waiting.
 */
export const SAVE_EVERY_MS = 60_000;
const lastSaved = new Map<string, number>();
const saving = new Set<string>();

function scheduleSave(db: MailDb, accountId: string, index: AccountIndex): void {
  if (saving.has(accountId)) return;
  saving.add(accountId);
  const wait = Math.max(0, (lastSaved.get(accountId) ?? 0) + SAVE_EVERY_MS - Date.now());
  const idle = (f: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 5_000 }) : setTimeout(f, 0);
  setTimeout(() => {
    idle(() => {
      saving.delete(accountId);
      lastSaved.set(accountId, Date.now());
      // Signed out meanwhile: nothing of the account may be written back.
      void db
        .transaction('rw', [db.accounts, db.searchIndex], async () => {
          if (await db.accounts.get(accountId))
            await db.searchIndex.put({ accountId, json: JSON.stringify(index.search), indexed: [...index.indexed] });
        })
        .catch((e: unknown) => console.warn('The search index could not be saved', e));
    });
  }, wait);
}

export async function searchOffline(db: MailDb, accountId: string, text: string): Promise<string[]> {
  const index = await loadIndex(db, accountId);
  if (!text.trim()) return [];
  return index.search.search(text).map((r) => String(r.id));
}
