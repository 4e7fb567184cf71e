/**
 * What a sign-in leaves on the device: the account and its credentials, in one
 * transaction, and the account no longer marked signed out (settings.ts signedOut), so
 * the mirror takes its writes again.
 */
import type { MailDb } from './db.ts';
import type { AccountRow, CredentialRow } from './rows.ts';
import { signedOut } from './settings.ts';

export async function keepSignIn(db: MailDb, account: AccountRow, credentials: CredentialRow): Promise<void> {
  const marker = await signedOut(account.id);
  await db.transaction('rw', [db.accounts, db.credentials, db.settings], async () => {
    await db.accounts.put(account);
    await db.credentials.put(credentials);
    await db.settings.delete(marker.key);
  });
}
