/**
 * Sync preferences a person can change (Settings): how often to check for mail when the
 * server has no push, and how many days of mail to keep readable offline. Stored per device
 * in the settings table (row `sync`), so this folder owns its read and write: src/host
 * reads it at each engine start, src/ui shows and changes it.
 */
import type { MailDb } from './db.ts';

export interface SyncSettings {
  pollIntervalMs: number;
  offlineWindowDays: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { pollIntervalMs: 60_000, offlineWindowDays: 30 };

export const SYNC_SETTINGS_KEY = 'sync';

export async function readSyncSettings(db: MailDb): Promise<SyncSettings> {
  const row = await db.settings.get(SYNC_SETTINGS_KEY);
  const value = (row?.value ?? {}) as Partial<Record<keyof SyncSettings, unknown>>;
  const num = (v: unknown, min: number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback);
  return {
    // Below 2 s polling would hammer a server; the floor is for tests and impatient people.
    pollIntervalMs: num(value.pollIntervalMs, 2000, DEFAULT_SYNC_SETTINGS.pollIntervalMs),
    offlineWindowDays: num(value.offlineWindowDays, 0, DEFAULT_SYNC_SETTINGS.offlineWindowDays),
  };
}

export async function writeSyncSettings(db: MailDb, settings: Partial<SyncSettings>): Promise<void> {
  const current = await readSyncSettings(db);
  await db.settings.put({ key: SYNC_SETTINGS_KEY, value: { ...current, ...settings } });
}
