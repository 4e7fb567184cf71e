import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/**
 * The on-disk schema. Everything the server knows lives here, so a restart keeps it.
 * JSON columns hold JMAP values exactly as sent on the wire.
 * Invariant: `changes` holds, per account and type, every change after `states.horizon`.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  username TEXT PRIMARY KEY, password TEXT NOT NULL, token TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, accountId TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS states (
  accountId TEXT NOT NULL, type TEXT NOT NULL, modseq INTEGER NOT NULL, horizon INTEGER NOT NULL,
  PRIMARY KEY (accountId, type));
CREATE TABLE IF NOT EXISTS changes (
  accountId TEXT NOT NULL, type TEXT NOT NULL, modseq INTEGER NOT NULL, id TEXT NOT NULL,
  kind TEXT NOT NULL, countsOnly INTEGER NOT NULL DEFAULT 0, threadId TEXT,
  PRIMARY KEY (accountId, type, modseq));
CREATE TABLE IF NOT EXISTS blobs (
  accountId TEXT NOT NULL, blobId TEXT NOT NULL, type TEXT NOT NULL, size INTEGER NOT NULL,
  data BLOB NOT NULL, created TEXT NOT NULL, PRIMARY KEY (accountId, blobId));
CREATE TABLE IF NOT EXISTS mailboxes (
  accountId TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, parentId TEXT, role TEXT,
  sortOrder INTEGER NOT NULL, isSubscribed INTEGER NOT NULL, PRIMARY KEY (accountId, id));
CREATE TABLE IF NOT EXISTS emails (
  accountId TEXT NOT NULL, id TEXT NOT NULL, blobId TEXT NOT NULL, threadId TEXT NOT NULL,
  mailboxIds TEXT NOT NULL, keywords TEXT NOT NULL, size INTEGER NOT NULL, receivedAt TEXT NOT NULL,
  meta TEXT NOT NULL, headers TEXT NOT NULL, searchText TEXT NOT NULL,
  PRIMARY KEY (accountId, id));
CREATE TABLE IF NOT EXISTS msgids (
  accountId TEXT NOT NULL, msgid TEXT NOT NULL, emailId TEXT NOT NULL, threadId TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS msgids_by_id ON msgids (accountId, msgid);
CREATE TABLE IF NOT EXISTS identities (
  accountId TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (accountId, id));
CREATE TABLE IF NOT EXISTS submissions (
  accountId TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (accountId, id));
CREATE TABLE IF NOT EXISTS vacation (accountId TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vacation_replies (accountId TEXT NOT NULL, address TEXT NOT NULL, PRIMARY KEY (accountId, address));
CREATE TABLE IF NOT EXISTS push_subscriptions (
  id TEXT PRIMARY KEY, username TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbound (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, accountId TEXT NOT NULL, submissionId TEXT NOT NULL,
  mailFrom TEXT NOT NULL, rcptTo TEXT NOT NULL, at TEXT NOT NULL, raw BLOB NOT NULL);
`;

export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'demo.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

/** The next value of a named counter (ids are never reused, even across restarts). */
export function nextCounter(db: Db, name: string): number {
  const row = db
    .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value')
    .get(name) as { value: number };
  return row.value;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
