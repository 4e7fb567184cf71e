/**
 * One row of the settings table (settings.ts declares them all), how it is read and
 * written, and the theme. Apart from settings.ts because the start path reads the theme:
 * a module the first download imports ships with it everything any later chunk takes
 * from it, and settings.ts holds every account setting compose, push and Settings use.
 */
import type { MailDb } from './db.ts';

export interface Setting<T> {
  readonly key: string;
  /** Read before `key` when `key` has no row: where an older build kept the same value. */
  readonly legacyKey?: string;
  readonly decode: (raw: unknown) => T;
}

export type Theme = 'system' | 'light' | 'dark';

export const THEME: Setting<Theme> = {
  key: 'theme',
  decode: (v) => (v === 'light' || v === 'dark' ? v : 'system'),
};

/** How tall the list's rows are: three lines (comfortable) or two (compact). Per device. */
export type Density = 'comfortable' | 'compact';

export const DENSITY: Setting<Density> = {
  key: 'density',
  decode: (v) => (v === 'compact' ? v : 'comfortable'),
};

// -- reading and writing -----------------------------------------------------------------

export async function readSetting<T>(db: MailDb, setting: Setting<T>): Promise<T> {
  const row = (await db.settings.get(setting.key)) ?? (setting.legacyKey ? await db.settings.get(setting.legacyKey) : undefined);
  return setting.decode(row?.value);
}

/** Several settings in one read (a list of senders, say), in the order asked. */
export async function readSettings<T>(db: MailDb, settings: readonly Setting<T>[]): Promise<T[]> {
  const rows = await db.settings.bulkGet(settings.map((s) => s.key));
  return settings.map((s, i) => s.decode(rows[i]?.value));
}

/** Writes the value (and drops the row an older build kept it in). Joins the caller's transaction if any. */
export async function writeSetting<T>(db: MailDb, setting: Setting<T>, value: T): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: setting.key, value });
    if (setting.legacyKey) await db.settings.delete(setting.legacyKey);
  });
}
