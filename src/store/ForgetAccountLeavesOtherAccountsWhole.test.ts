/**
 * Signing one account out (forgetAccount) deletes everything this device keeps for it and
 * nothing of any other account: the other's mirror, queued actions, drafts and, above
 * all, its unsent attachment bytes (a clear() of that table once lost every account's).
 * Device settings stay.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { encodeBucket } from './searchPostings.ts';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { forgetAccount } from './forget.ts';
import { idAlias, keptIdentities, readSetting, signatureOf, THEME, writeSetting } from './settings.ts';
import { email, thread, uniqueDbName } from '../../testing/records.ts';

async function fill(db: MailDb, accountId: string, legacyBlob: boolean): Promise<void> {
  await db.accounts.put({ id: accountId, username: accountId, name: accountId, sessionUrl: 'http://x/jmap', addedAt: 1 });
  await db.credentials.put({ accountId, url: 'http://x', auth: { kind: 'bearer', token: 't' } });
  await new DexieSyncCache(db).apply(accountId, {
    emails: { put: [email(accountId, 'e1', 'T1', ['inbox'], 1)] },
    threads: { put: [thread(accountId, 'T1', ['e1'])] },
    states: { Email: 's1' },
  });
  const attachment = { outgoingBlobId: `${accountId}-att`, name: 'a.bin', type: 'application/octet-stream', size: 1 };
  const draftAttachment = { ...attachment, outgoingBlobId: `${accountId}-draft-att` };
  await db.outbox.put({
    id: `${accountId}-send`,
    accountId,
    createdAt: 1,
    intent: { kind: 'send', content: { attachments: [attachment] } },
  });
  await db.overlays.put({ id: `${accountId}-ov`, accountId, objectId: 'e1', intentId: `${accountId}-send` });
  await db.notices.put({ id: `${accountId}-n`, accountId, createdAt: 1 });
  await db.drafts.put({ id: `${accountId}-d`, accountId, updatedAt: 1, content: { attachments: [draftAttachment] } });
  await db.searchIndex.put({ accountId, data: '{}' });
  await db.searchDocs.put({ accountId, n: 1, emailId: 'e1', body: 0 });
  await db.searchTerms.put(encodeBucket(accountId, 'su', 1, new Map([['subject', [1]]])));
  await db.searchMeta.put({ accountId, high: 2, low: 0, newestMs: 1, chunk: 1, docs: 1 });
  // A row from before schema 3 carries no account; the other is tagged.
  await db.outgoingBlobs.put({
    id: `${accountId}-att`,
    intentId: `${accountId}-send`,
    ...(legacyBlob ? {} : { accountId }),
    bytes: new Uint8Array([1]),
  });
  await db.outgoingBlobs.put({ id: `${accountId}-draft-att`, intentId: '', accountId, bytes: new Uint8Array([2]) });
  // Every account setting of the registry, so a new one that sign-out misses fails here.
  await writeSetting(db, keptIdentities(accountId), []);
  await writeSetting(db, idAlias(accountId, 'local1'), 'server1');
  await writeSetting(db, signatureOf(accountId, 'id1'), '-- me');
}

/** How many rows of each table belong to the account (by key or by field). */
async function rowsOf(db: MailDb, accountId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) {
    const rows = await table.toArray();
    counts[table.name] = rows.filter(
      (r) => JSON.stringify(r).includes(accountId) || (table.name === 'settings' && String((r as { key: string }).key).includes(accountId)),
    ).length;
  }
  return counts;
}

it('deletes every row of the signed-out account and none of the other, unsent attachments included', async () => {
  const db = new MailDb(uniqueDbName('forget'));
  await fill(db, 'alice', true);
  await fill(db, 'bob', false);
  // An attachment nobody names any more (a compose that crashed before saving): nobody's.
  await db.outgoingBlobs.put({ id: 'orphan', intentId: '', bytes: new Uint8Array([3]) });
  await writeSetting(db, THEME, 'dark');
  const bobBefore = await rowsOf(db, 'bob');
  expect(bobBefore.outgoingBlobs).toBe(2);
  expect(bobBefore.emails).toBe(1);

  await forgetAccount(db, 'alice');

  const alice = await rowsOf(db, 'alice');
  expect(Object.entries(alice).filter(([, n]) => n > 0)).toEqual([]);
  expect(await rowsOf(db, 'bob')).toEqual(bobBefore);
  expect(await db.outgoingBlobs.get('orphan')).toBeUndefined();
  expect(await readSetting(db, THEME)).toBe('dark');
  db.close();
  await Dexie.delete(db.name);
});

it('keeps an untagged attachment another account still needs', async () => {
  const db = new MailDb(uniqueDbName('forget-shared'));
  await fill(db, 'alice', false);
  await fill(db, 'bob', true);
  await forgetAccount(db, 'alice');
  expect(await db.outgoingBlobs.get('bob-att')).toBeDefined();
  db.close();
});
