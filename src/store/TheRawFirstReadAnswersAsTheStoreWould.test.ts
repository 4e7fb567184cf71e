/**
 * The first screen's raw read (firstRead.ts, no Dexie) answers what the store's own
 * reads would: the accounts, the settings' values, the first account's folders and the
 * Inbox's first page, row for row. Where it cannot be sure (actions pending, rows of an
 * older schema) it leaves the folders out so the caller reads through Dexie; with no
 * database it answers null and makes none.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { email, mailbox, thread, uniqueDbName } from '../../testing/records.ts';
import { DexieSyncCache, listMailboxes, mailboxThreadPage, MailDb } from './index.ts';
import { firstRead } from './firstRead.ts';

const A = 'acct-1';
const B = 'acct-2';
let db: MailDb | undefined;
afterEach(() => db?.close());

const ask = (name: string) => ({
  name,
  settingKeys: ['theme', 'density'],
  pick: (list: readonly { id: string; role: string | null }[]) => list.find((m) => m.role === 'inbox')?.id,
  limit: 3,
});

async function seeded() {
  const name = uniqueDbName('first-read');
  db = new MailDb(name);
  await db.accounts.bulkPut([
    { id: A, sessionUrl: 'https://a.example/jmap', username: 'ann', name: 'Ann', addedAt: 1 },
    { id: B, sessionUrl: 'https://b.example/jmap', username: 'bob', name: 'Bob', addedAt: 2 },
  ]);
  await db.settings.bulkPut([
    { key: 'theme', value: 'dark' },
    { key: 'density', value: 'compact' },
  ]);
  const cache = new DexieSyncCache(db);
  const inbox = { ...mailbox(A, 'inbox', 4), role: 'inbox' };
  const sent = { ...mailbox(A, 'sent', 1), role: 'sent', name: 'Sent' };
  await cache.apply(A, {
    mailboxes: { put: [sent, inbox] },
    emails: {
      put: [1, 2, 3, 4, 5].map((i) => ({ ...email(A, `e${i}`, `T${i}`, [i === 5 ? 'sent' : 'inbox'], i * 100) })),
    },
    threads: { put: [1, 2, 3, 4, 5].map((i) => thread(A, `T${i}`, [`e${i}`])) },
  });
  // Another account's folder and mail must not leak into the first account's answer.
  await cache.apply(B, { mailboxes: { put: [{ ...mailbox(B, 'inbox', 1), role: 'inbox' }] } });
  return name;
}

// getAllRecords (one request, newest first) where the browser has it, else a cursor.
const withoutGetAllRecords = async (run: () => Promise<void>) => {
  const proto = IDBIndex.prototype as unknown as Record<string, unknown>;
  const kept = Object.getOwnPropertyDescriptor(proto, 'getAllRecords');
  delete proto.getAllRecords;
  try {
    await run();
  } finally {
    if (kept) Object.defineProperty(proto, 'getAllRecords', kept);
  }
};

it.each([
  ['one request', (run: () => Promise<void>) => run()],
  ['a cursor', withoutGetAllRecords],
])('answers the accounts, the settings, the folders and the first page as the store reads them (%s)', async (_, how) => {
  const name = await seeded();
  await how(() => answersAsTheStore(name));
});

async function answersAsTheStore(name: string) {
  const raw = await firstRead(ask(name));
  expect(raw?.accounts).toEqual(await db!.accounts.toArray());
  expect(raw?.settings).toEqual({ theme: 'dark', density: 'compact' });
  expect(raw?.folders?.mailboxes).toEqual(await listMailboxes(db!, A));
  expect(raw?.folders?.mailboxId).toBe('inbox');
  const page = await mailboxThreadPage(db!, A, 'inbox', { limit: 3 });
  expect(page.map((r) => r.threadId)).toEqual(['T4', 'T3', 'T2']);
  expect(raw?.folders?.rows).toEqual(page);
}

it('leaves the folders to the store while an action of the account is pending', async () => {
  const name = await seeded();
  await db!.overlays.put({ id: 'o1', accountId: A, objectId: 'e4', intentId: 'i1', type: 'Email', patch: {} } as never);
  const raw = await firstRead(ask(name));
  expect(raw?.accounts.map((a) => a.id)).toEqual([A, B]);
  expect(raw?.folders).toBeUndefined();
});

it('leaves the folders to the store when rows lack the list fields (an older app wrote them)', async () => {
  const name = await seeded();
  const row = await db!.threadInMailbox.get([A, 'T4', 'inbox']);
  const { unreadIds: _dropped, ...older } = row!;
  await db!.threadInMailbox.put(older as never);
  expect((await firstRead(ask(name)))?.folders).toBeUndefined();
});

it('answers null and makes no database when there is none', async () => {
  const name = uniqueDbName('first-read-none');
  expect(await firstRead(ask(name))).toBeNull();
  expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
});
