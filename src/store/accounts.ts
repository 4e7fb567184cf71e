/** The accounts a person signed in to on this device. */
import type { MailDb } from './db.ts';
import type { AccountRow } from './rows.ts';

export function saveAccount(db: MailDb, account: AccountRow): Promise<void> {
  return db.accounts.put(account).then(() => undefined);
}

export function listAccounts(db: MailDb): Promise<AccountRow[]> {
  return db.accounts.orderBy('id').toArray();
}

export function removeAccountRow(db: MailDb, id: string): Promise<void> {
  return db.accounts.delete(id);
}
