import { openMailDb, type MailDb } from '../../store/index.ts';

let db: MailDb | null = null;

/** The page's one connection to the mirror (the service worker has its own). */
export function mailDb(): MailDb {
  db ??= openMailDb();
  return db;
}
