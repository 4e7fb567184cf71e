/** What this device keeps offline, read once for the Settings and the status bar's words. */
import type { MailboxRecord } from '../../sync/index.ts';
import { readMailboxes } from '../../outbox/reads.ts';
import { ATTACHMENTS, offlineLeftOut, readSetting } from '../../store/settings.ts';
import { readSyncSettings } from '../../store/syncSettings.ts';
import type { SyncSettings } from '../../store/settings.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { bytesText } from './useStorage.ts';

export interface OfflineChoice {
  sync: SyncSettings;
  mailboxes: MailboxRecord[];
  leftOut: string[];
  attachmentBudgetBytes: number;
}

export function useOfflineChoice(accountId: string): OfflineChoice | undefined {
  return useLiveQuery(async () => {
    const db = mailDb();
    const [sync, mailboxes, leftOut, attachments] = await Promise.all([
      readSyncSettings(db),
      readMailboxes(db, accountId),
      readSetting(db, offlineLeftOut(accountId)),
      readSetting(db, ATTACHMENTS),
    ]);
    return { sync, mailboxes, leftOut, attachmentBudgetBytes: attachments.budgetBytes };
  }, [accountId]);
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** What this device keeps, in one sentence. */
export function offlineScopeText(choice: OfflineChoice): string {
  const { sync, mailboxes, leftOut, attachmentBudgetBytes } = choice;
  const out = mailboxes.filter((m) => leftOut.includes(m.id)).map((m) => m.name);
  const days = sync.offlineWindowDays === null ? 'all your mail' : `the last ${sync.offlineWindowDays} days of your mail`;
  const where = out.length === 0 ? ' in every folder' : ` in every folder but ${list(out)}`;
  const room =
    sync.bodyBudgetBytes === null ? 'as much as fits in its automatic room (up to 2 GB)' : `up to ${bytesText(sync.bodyBudgetBytes)}`;
  const size = sync.attachmentMaxBytes === null ? 'of any size' : `up to ${bytesText(sync.attachmentMaxBytes)} each`;
  const since = sync.attachmentWindowDays === null ? 'of all that mail' : `of mail of the last ${sync.attachmentWindowDays} days`;
  return (
    `This device keeps every message’s summary, and the full text of ${days}${where}, newest first, ${room}. ` +
    `It downloads attachments ${size} ${since} in the same room. ` +
    `Attachments and images you open are kept too, up to ${bytesText(attachmentBudgetBytes)} in all (oldest dropped first).`
  );
}
