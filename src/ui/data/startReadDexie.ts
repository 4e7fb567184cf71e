/**
 * The start read through Dexie (data/startRead.ts), for when the raw first read could
 * not answer: signed in with actions pending (overlays to merge), rows of an older
 * schema, or no database yet. One read-only transaction, the same answer's shape.
 */
import { readMailboxes } from '../../outbox/reads.ts';
import { DENSITY, readSetting, THEME } from '../../store/setting.ts';
import { openingFolder } from '../startEarly.ts';
import { readPage } from '../threads/threadPages.ts';
import { mailDb } from './db.ts';
import type { StartRead } from './startRead.ts';

export function readStartThroughDexie(): Promise<StartRead> {
  const db = mailDb();
  return db.transaction(
    'r',
    [db.accounts, db.mailboxes, db.overlays, db.threadInMailbox, db.emails, db.settings],
    async (): Promise<StartRead> => {
      // Side by side, so the chain of round trips is accounts -> folders -> rows: the list's
      // page is one indexed read (threads/threadPages.ts readPage), like the bare page's.
      const [accounts, theme, density] = await Promise.all([db.accounts.toArray(), readSetting(db, THEME), readSetting(db, DENSITY)]);
      const account = accounts[0];
      if (!account) return { accounts, theme, density };
      const mailboxes = await readMailboxes(db, account.id);
      const mailboxId = openingFolder(mailboxes);
      const rows = mailboxId ? await readPage(db, account.id, mailboxId, undefined) : [];
      return { accounts, theme, density, mailboxes, mailboxId, rows };
    },
  );
}
