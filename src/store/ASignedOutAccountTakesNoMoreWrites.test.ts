/**
 * Signing out wipes the account's mirror; an engine still finishing a cycle (a worker
 * slow to stop under load: CI once found 445 emails back after the wipe) must not write
 * it back. The mirror refuses the account's writes, with words, until it signs in again.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { forgetAccount } from './forget.ts';
import { keepSignIn } from './signIn.ts';
import { email, mailbox, thread, uniqueDbName } from '../../testing/records.ts';

const A = 'acct-a';
const account = { id: A, username: 'a', name: 'a@example.org', sessionUrl: 'http://x/jmap', addedAt: 1 };
const credentials = { accountId: A, url: 'http://x', auth: { kind: 'bearer' as const, token: 't' } };
const patch = (id: string) => ({
  mailboxes: { put: [mailbox(A, 'inbox', 1)] },
  emails: { put: [email(A, id, `T-${id}`, ['inbox'], 1)] },
  threads: { put: [thread(A, `T-${id}`, [id])] },
  states: { Email: id },
});
const status = { accountId: A, kind: 'upToDate' as const, reason: null, at: 1, lastSyncedAt: 1, retryAt: null };

it("refuses a signed-out account's late writes, and takes them again after a new sign-in", async () => {
  const db = new MailDb(uniqueDbName('signed-out'));
  const cache = new DexieSyncCache(db);
  await keepSignIn(db, account, credentials);
  await cache.apply(A, patch('e1'));
  await cache.setStatus(status);

  await forgetAccount(db, A);
  // The engine's next chunk and status arrive after the wipe.
  await expect(cache.apply(A, patch('e2'))).rejects.toThrow(/signed out on this device/);
  await cache.setStatus(status);
  expect([await db.emails.count(), await db.threads.count(), await db.mailboxes.count(), await db.states.count()]).toEqual([0, 0, 0, 0]);
  expect(await db.syncStatus.count()).toBe(0);

  await keepSignIn(db, account, credentials);
  await cache.apply(A, patch('e3'));
  await cache.setStatus(status);
  expect((await db.emails.toArray()).map((e) => e.id)).toEqual(['e3']);
  expect(await db.syncStatus.count()).toBe(1);
});
