/**
 * Sync preferences a person can change (Settings): how often to check for mail when the
 * server has no push, and how many days of mail to keep readable offline. Stored per device
 * (the `SYNC` setting of settings.ts): src/host reads them at each engine start, src/ui
 * shows and changes them.
 */
import type { MailDb } from './db.ts';
import { readSetting, SYNC, writeSetting, type SyncSettings } from './settings.ts';

export const readSyncSettings = (db: MailDb): Promise<SyncSettings> => readSetting(db, SYNC);

/** Changes some of them; the rest keep their stored (or default) values. */
export async function writeSyncSettings(db: MailDb, settings: Partial<SyncSettings>): Promise<void> {
  await db.transaction('rw', db.settings, async () => writeSetting(db, SYNC, { ...(await readSyncSettings(db)), ...settings }));
}
