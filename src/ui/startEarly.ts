/**
 * The page's first work: the first screen's read of the mirror with raw IndexedDB
 * (src/store/firstRead.ts), begun by the entry (main.tsx) before the rest of the app is
 * even fetched, so the database opens and reads while React and the app download,
 * compile and evaluate. data/startRead.ts takes the answer, or reads with Dexie when the
 * common case does not hold. Everything imported here ships in the tiny entry chunk:
 * import nothing that brings Dexie or React.
 */
import { DEFAULT_DB_NAME } from '../store/dbName.ts';
import { firstRead, type FirstRead } from '../store/firstRead.ts';
import { DENSITY, THEME } from '../store/setting.ts';
import type { MailboxRecord } from '../sync/cache.ts';
import { PAGE_SIZE } from './threads/pageSize.ts';

/** The device settings the first screen needs (its colours and row height). */
export const START_SETTINGS = [THEME, DENSITY] as const;

/** The folder the shell opens on (shell/useFolder.ts): the Inbox, else the first folder. */
export const openingFolder = (mailboxes: readonly MailboxRecord[]): string | undefined =>
  mailboxes.find((m) => m.role === 'inbox')?.id ?? mailboxes[0]?.id;

export const first: Promise<FirstRead | null> = firstRead({
  name: DEFAULT_DB_NAME,
  settingKeys: START_SETTINGS.flatMap((s) => (s.legacyKey ? [s.key, s.legacyKey] : [s.key])),
  pick: openingFolder,
  limit: PAGE_SIZE,
}).catch(() => null);
