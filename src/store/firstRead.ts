/**
 * The first screen's read with raw IndexedDB, no Dexie: what the page needs for its first
 * rows (the accounts, two device settings, the first account's folders and one page of
 * one folder), in ONE read-only transaction on a connection of its own.
 *
 * Why apart from Dexie: Dexie opens its database in a promise chain, so a read begun while
 * the page's code is still being evaluated waits for all of it (the reload bench's marks
 * showed the first open at the very end of module evaluation). This module has no
 * dependency: the page's tiny entry runs it before the rest of the app is even fetched,
 * and the browser opens and reads while the rest downloads, compiles and evaluates.
 *
 * Invariants:
 * - Read-only and short: the connection closes as soon as the transaction ends, and at
 *   once if another connection asks for a version change (an upgrade is never blocked).
 * - Never creates the database: opened without a version, a missing database aborts its
 *   own creation (signed out: no accounts).
 * - Only the common case is answered: rows as the list shows them need no pending change
 *   (no overlay of the account) and rows of schema 4 or later (the list fields present).
 *   Otherwise `folders` is absent and the caller reads the store as usual.
 * - Errors are answers too: null, and the caller reads the store as usual.
 */
import type { MailboxRecord } from '../sync/cache.ts';
import { MIN_KEY as LOW, maxKey as high } from './keys.ts';
import type { AccountRow, ListRow, ThreadInMailboxRow } from './rows.ts';

export interface FirstRead {
  accounts: AccountRow[];
  /** Raw values of the settings asked for, by key (decode them with their Setting). */
  settings: Record<string, unknown>;
  /** The first account's folders and the page read, when the common case holds. */
  folders?: { mailboxes: MailboxRecord[]; mailboxId: string | undefined; rows: ListRow[] };
}

export interface FirstReadAsk {
  name: string;
  settingKeys: readonly string[];
  /** Which folder's page to read, from the first account's folders. */
  pick(mailboxes: readonly MailboxRecord[]): string | undefined;
  limit: number;
}

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

function open(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    // No database yet: do not make one (the store makes it, with its schema); the abort
    // ends the open in an error, which answers null.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
}

/** Records of a key range, newest-first (`getAllRecords` is one request; Chromium 141+). */
interface RecordsIndex {
  getAllRecords(options: { query: IDBKeyRange; count: number; direction: 'prev' }): IDBRequest<{ value: unknown }[]>;
}

/**
 * The `limit` newest rows of one mailbox from the list's index. One request where the
 * browser can (`getAllRecords` with a direction), else a cursor: each `continue()` is a
 * round trip to the database process, 100 of them a visible part of the read at 100,000
 * messages.
 */
async function newestFirst(store: IDBObjectStore, [accountId, mailboxId]: [string, string], limit: number): Promise<ThreadInMailboxRow[]> {
  const index = store.index('[accountId+mailboxId+receivedMs+threadId]');
  const query = IDBKeyRange.bound([accountId, mailboxId, LOW, LOW], [accountId, mailboxId, high(), high()]);
  if ('getAllRecords' in index) {
    const records = await done((index as unknown as RecordsIndex).getAllRecords({ query, count: limit, direction: 'prev' }));
    return records.map((r) => r.value as ThreadInMailboxRow);
  }
  const rows: ThreadInMailboxRow[] = [];
  const cursor = index.openCursor(query, 'prev');
  await new Promise<void>((resolve, reject) => {
    cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || rows.length >= limit) return resolve();
      rows.push(at.value as ThreadInMailboxRow);
      at.continue();
    };
  });
  return rows;
}

const isListRow = (row: ThreadInMailboxRow): row is ListRow => row.unreadIds !== undefined;

/** Null when the database is absent, or anything went wrong (the caller reads as usual). */
export async function firstRead(ask: FirstReadAsk): Promise<FirstRead | null> {
  const db = await open(ask.name).catch(() => null);
  if (!db) return null;
  db.onversionchange = () => db.close();
  try {
    const tables = ['accounts', 'settings', 'mailboxes', 'overlays', 'threadInMailbox'];
    if (!tables.every((t) => db.objectStoreNames.contains(t))) return null;
    const tx = db.transaction(tables, 'readonly');
    const store = (name: string) => tx.objectStore(name);
    const [accounts, ...values] = await Promise.all([
      done(store('accounts').getAll() as IDBRequest<AccountRow[]>),
      ...ask.settingKeys.map((key) => done(store('settings').get(key) as IDBRequest<{ value: unknown } | undefined>)),
    ]);
    const settings = Object.fromEntries(ask.settingKeys.map((key, i) => [key, values[i]?.value]));
    const account = accounts[0];
    if (!account) return { accounts, settings };
    const id = account.id;
    const [mailboxes, pending] = await Promise.all([
      done(store('mailboxes').getAll(IDBKeyRange.bound([id, LOW], [id, high()])) as IDBRequest<MailboxRecord[]>),
      done(
        store('overlays')
          .index('[accountId+objectId]')
          .count(IDBKeyRange.bound([id, ''], [id, '\uffff'])),
      ),
    ]);
    if (pending > 0) return { accounts, settings };
    const mailboxId = ask.pick(mailboxes);
    const rows = mailboxId ? await newestFirst(store('threadInMailbox'), [id, mailboxId], ask.limit) : [];
    if (!rows.every(isListRow)) return { accounts, settings };
    return { accounts, settings, folders: { mailboxes, mailboxId, rows } };
  } catch {
    return null;
  } finally {
    db.close();
  }
}
