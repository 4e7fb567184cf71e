/**
 * Schema versions are only ever added. An old service worker can open the database next
 * to a new page (and the other way round), so data written by any shipped version must
 * open and read correctly under the newest one, and an older app must keep working on a
 * database a newer one upgraded.
 *
 * SHIPPED is a frozen copy of every released version's store specs, written here on
 * purpose rather than imported: if someone edits a released version in schema.ts instead
 * of appending one, the first test fails, and data written by the frozen spec stops
 * reading correctly through the current code in the second.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { mailboxThreadPage } from './reads.ts';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema.ts';
import { email, thread, uniqueDbName } from '../../testing/records.ts';

const SHIPPED: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      accounts: 'id',
      mailboxes: '[accountId+id]',
      threads: '[accountId+id]',
      emails: '[accountId+id]',
      threadInMailbox: '[accountId+threadId+mailboxId], [accountId+mailboxId+receivedMs+threadId]',
      bodies: '[accountId+emailId], [accountId+receivedMs]',
      blobs: '[accountId+blobId], [accountId+storedAt]',
      queries: '[accountId+key]',
      states: '[accountId+type]',
      progress: 'accountId',
      syncStatus: 'accountId',
      usage: 'accountId',
      outbox: 'id, [accountId+createdAt]',
      overlays: 'id, [accountId+objectId], intentId',
    },
  },
  {
    version: 2,
    stores: {
      credentials: 'accountId',
      notices: 'id, [accountId+createdAt]',
      outgoingBlobs: 'id, intentId',
      drafts: 'id, [accountId+updatedAt]',
      searchIndex: 'accountId',
      settings: 'key',
    },
  },
  {
    version: 3,
    stores: {
      outgoingBlobs: 'id, intentId, accountId',
    },
  },
  { version: 4, stores: {} },
];

const A = 'acct';

/** Writes one of everything with a bare Dexie that knows only versions[0..upTo]. */
async function writeWithShipped(name: string, upTo: number): Promise<void> {
  const old = new Dexie(name);
  for (const v of SHIPPED.slice(0, upTo)) old.version(v.version).stores(v.stores);
  await old.open();
  const e1 = email(A, 'e1', 'T1', ['inbox'], 1000);
  const e2 = email(A, 'e2', 'T1', ['inbox', 'sent'], 2000);
  await old.table('emails').bulkPut([e1, e2]);
  await old.table('threads').put(thread(A, 'T1', ['e1', 'e2']));
  await old.table('threadInMailbox').bulkPut([
    { accountId: A, threadId: 'T1', mailboxId: 'inbox', receivedMs: 2000, emailId: 'e2', emailIds: ['e1', 'e2'] },
    { accountId: A, threadId: 'T1', mailboxId: 'sent', receivedMs: 2000, emailId: 'e2', emailIds: ['e2'] },
  ]);
  await old.table('states').bulkPut([
    { accountId: A, type: 'Email', state: 'E7', updatedAt: 1 },
    { accountId: A, type: 'Thread', state: 'T7', updatedAt: 1 },
  ]);
  await old.table('outbox').put({ id: 'intent-1', accountId: A, createdAt: 5, kind: 'setKeywords' });
  old.close();
}

describe('schema versions', () => {
  it('keeps every shipped version exactly as it shipped (versions are only added)', () => {
    expect(SCHEMA_VERSIONS.slice(0, SHIPPED.length).map(({ version, stores }) => ({ version, stores }))).toEqual(SHIPPED);
    const numbers = SCHEMA_VERSIONS.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it.each(SHIPPED.map((v, i) => [v.version, i + 1] as const))(
    'reads data written by version %i through the newest schema and the cache',
    async (_version, upTo) => {
      const name = uniqueDbName('schema');
      await writeWithShipped(name, upTo);
      const db = new MailDb(name);
      const cache = new DexieSyncCache(db);
      expect(await cache.getStates(A)).toEqual({ Email: 'E7', Thread: 'T7' });
      const page = await mailboxThreadPage(db, A, 'inbox');
      expect(page.map((r) => [r.threadId, r.emailId])).toEqual([['T1', 'e2']]);
      // Writing through the newest code keeps working on the old rows.
      await cache.apply(A, { emails: { remove: ['e2'] }, threads: { put: [thread(A, 'T1', ['e1'])] }, states: { Email: 'E8' } });
      expect((await mailboxThreadPage(db, A, 'inbox')).map((r) => r.emailId)).toEqual(['e1']);
      expect(await mailboxThreadPage(db, A, 'sent')).toEqual([]);
      expect(await db.outbox.get('intent-1')).toMatchObject({ kind: 'setKeywords' });
      db.close();
    },
  );

  it('lets an open older app keep reading and writing after a newer one upgraded the database', async () => {
    const name = uniqueDbName('schema-side-by-side');
    const older = new MailDb(name);
    const olderCache = new DexieSyncCache(older);
    await olderCache.apply(A, { emails: { put: [email(A, 'e1', 'T1', ['inbox'], 1)] }, threads: { put: [thread(A, 'T1', ['e1'])] } });
    // A newer page appends a version (a new table and a new index) while the old one is open.
    const latest = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
    const future: SchemaVersion = { version: latest + 1, stores: { futureTable: 'key', emails: '[accountId+id], receivedMs' } };
    const newer = new MailDb(name, [...SCHEMA_VERSIONS, future]);
    await newer.open();
    expect(await newer.table('emails').count()).toBe(1);
    // The old connection was closed for the upgrade; Dexie reopens it on next use.
    await olderCache.apply(A, { emails: { put: [email(A, 'e2', 'T1', ['inbox'], 2)] }, threads: { put: [thread(A, 'T1', ['e1', 'e2'])] } });
    expect((await mailboxThreadPage(older, A, 'inbox')).map((r) => r.emailId)).toEqual(['e2']);
    // A cold start of the old app on the upgraded database opens it too.
    const coldOld = new MailDb(name);
    expect(await new DexieSyncCache(coldOld).getStates(A)).toEqual({});
    expect(await coldOld.emails.count()).toBe(2);
    for (const db of [older, newer, coldOld]) db.close();
  });

  it('upgrading a mirror of schema 3 fills the list fields of its rows from its emails', async () => {
    const name = uniqueDbName('schema-list-fields');
    await writeWithShipped(name, 3);
    const db = new MailDb(name);
    await db.open();
    // Stored, not completed on read: the upgrade wrote them.
    expect(await db.threadInMailbox.get([A, 'T1', 'inbox'])).toMatchObject({
      emailId: 'e2',
      emailIds: ['e1', 'e2'],
      subject: 'Subject e2',
      senders: [{ name: 'Ann', email: 'ann@example.com' }],
      unreadIds: ['e1', 'e2'],
      flaggedIds: [],
      attachment: false,
    });
    expect(await db.threadInMailbox.get([A, 'T1', 'sent'])).toMatchObject({ emailIds: ['e2'], unreadIds: ['e2'] });
    db.close();
  });

  it('reads a row an older app wrote after the upgrade with its list fields taken from its emails', async () => {
    const db = new MailDb(uniqueDbName('schema-old-row'));
    await db.emails.put({ ...email(A, 'e1', 'T1', ['inbox'], 1000), keywords: { $flagged: true } });
    // As an old service worker's cache writes it: no list fields.
    await db.threadInMailbox.put({ accountId: A, threadId: 'T1', mailboxId: 'inbox', receivedMs: 1000, emailId: 'e1', emailIds: ['e1'] });
    expect(await mailboxThreadPage(db, A, 'inbox')).toMatchObject([{ subject: 'Subject e1', unreadIds: ['e1'], flaggedIds: ['e1'] }]);
    db.close();
  });
});
