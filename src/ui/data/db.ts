// The module, not the store's index: the index brings the sync engine's cache along.
import { openMailDb, type MailDb } from '../../store/db.ts';

let db: MailDb | null = null;

/** The page's one connection to the mirror (the service worker has its own). */
export function mailDb(): MailDb {
  db ??= openMailDb();
  return db;
}
