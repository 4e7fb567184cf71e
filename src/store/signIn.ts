/**
 * What a sign-in leaves on the device: the account and its credentials, in one
 * transaction, and the account no longer marked signed out (settings.ts signedOut), so
 * the mirror takes its writes again. What was shared to the app while nobody was signed
 * in (drafts and their files kept for no account yet: UNCLAIMED) becomes this account's.
 */
import type { MailDb } from './db.ts';
import type { AccountRow, CredentialRow } from './rows.ts';
import { signedOut } from './settings.ts';

/** The accountId of drafts and unsent files kept while no account was signed in. */
export const UNCLAIMED = '';

export async function keepSignIn(db: MailDb, account: AccountRow, credentials: CredentialRow): Promise<void> {
  const marker = await signedOut(account.id);
  await db.transaction('rw', [db.accounts, db.credentials, db.settings, db.drafts, db.outgoingBlobs], async () => {
    await db.accounts.put(account);
    await db.credentials.put(credentials);
    await db.settings.delete(marker.key);
    await db.drafts.where('[accountId+updatedAt]').between([UNCLAIMED, -Infinity], [UNCLAIMED, Infinity]).modify({ accountId: account.id });
    await db.outgoingBlobs.where('accountId').equals(UNCLAIMED).modify({ accountId: account.id });
  });
}
