import type { DataType } from '../wire.ts';
import type { Recorder } from './changes.ts';
import type { Db } from './db.ts';

/**
 * Objects kept whole as JSON (Identity, EmailSubmission): one table each, same shape.
 * The table name comes from this fixed map, never from a request.
 */
const TABLES = { Identity: 'identities', EmailSubmission: 'submissions' } as const;
export type RecordType = keyof typeof TABLES;

export function listRecords<T extends { id: string }>(db: Db, type: RecordType, accountId: string): T[] {
  const rows = db.prepare(`SELECT data FROM ${TABLES[type]} WHERE accountId = ? ORDER BY rowid`).all(accountId) as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as T);
}

export function getRecord<T extends { id: string }>(db: Db, type: RecordType, accountId: string, id: string): T | undefined {
  const row = db.prepare(`SELECT data FROM ${TABLES[type]} WHERE accountId = ? AND id = ?`).get(accountId, id) as
    { data: string } | undefined;
  return row ? (JSON.parse(row.data) as T) : undefined;
}

export function putRecord<T extends { id: string }>(
  db: Db,
  rec: Recorder,
  type: RecordType,
  accountId: string,
  value: T,
  isNew: boolean,
): void {
  db.prepare(
    `INSERT INTO ${TABLES[type]} (accountId, id, data) VALUES (?, ?, ?) ON CONFLICT(accountId, id) DO UPDATE SET data = excluded.data`,
  ).run(accountId, value.id, JSON.stringify(value));
  rec.record(type as DataType, value.id, isNew ? 'created' : 'updated');
}

export function deleteRecord(db: Db, rec: Recorder, type: RecordType, accountId: string, id: string): void {
  db.prepare(`DELETE FROM ${TABLES[type]} WHERE accountId = ? AND id = ?`).run(accountId, id);
  rec.record(type as DataType, id, 'destroyed');
}
