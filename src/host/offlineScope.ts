/**
 * The person's offline choice for an account, as the engine reads it at every body and
 * attachment pass: the folders left out (Settings), the days (null: all mail), the room
 * for message text (attachments share it), and the attachments' size and days. The automatic room is the smaller of 2 GB and a fifth of what the browser grants
 * this origin: text is small (1,500 messages took 4.2 MB on a traveller's device), so a
 * whole mailbox fits, while a nearly full disk still keeps room for everything else.
 */
import type { OfflineScope } from '../sync/index.ts';
import { ATTACHMENTS, offlineLeftOut, readSetting, readSyncSettings, type MailDb } from '../store/index.ts';

const GB = 1024 ** 3;
export const MAX_AUTO_BODY_BYTES = 2 * GB;

/** The automatic budget for message text on this device. */
export async function automaticBodyBudget(): Promise<number> {
  const quota = await (globalThis.navigator?.storage?.estimate?.() ?? Promise.resolve(undefined))
    .then((e) => e?.quota)
    .catch(() => undefined);
  return quota ? Math.min(MAX_AUTO_BODY_BYTES, Math.floor(quota / 5)) : MAX_AUTO_BODY_BYTES;
}

export async function readOfflineScope(db: MailDb, accountId: string): Promise<OfflineScope> {
  const [settings, leftOut, attachments] = await Promise.all([
    readSyncSettings(db),
    readSetting(db, offlineLeftOut(accountId)),
    readSetting(db, ATTACHMENTS),
  ]);
  return {
    leftOut,
    windowDays: settings.offlineWindowDays,
    budgetBytes: settings.bodyBudgetBytes ?? (await automaticBodyBudget()),
    attachmentMaxBytes: settings.attachmentMaxBytes,
    attachmentWindowDays: settings.attachmentWindowDays,
    attachmentBudgetBytes: attachments.budgetBytes,
  };
}
