import type { DataType } from '../wire.ts';
import { nextCounter, type Db } from './db.ts';

/**
 * The change log behind every /changes, /queryChanges and push event.
 *
 * Each changed object gets its own modseq from one per-account counter; a type's state
 * string is the modseq of its latest change ("0" before any). Keeping one modseq per
 * object (not per request) lets /changes stop after exactly maxChanges ids and still
 * give a state that resumes at the right place.
 *
 * Invariant: for each (account, type), `changes` holds every change with
 * modseq > horizon; a sinceState below the horizon cannot be answered.
 */

export type ChangeKind = 'created' | 'updated' | 'destroyed';

export interface ChangeRow {
  modseq: number;
  id: string;
  kind: ChangeKind;
  countsOnly: number;
  threadId: string | null;
}

export interface Recorder {
  /** Record one object's change. countsOnly: only server-computed counts changed (Mailbox). */
  record(type: DataType, id: string, kind: ChangeKind, opts?: { countsOnly?: boolean; threadId?: string | null }): void;
  /** Types changed so far (for the push event after commit). */
  readonly touched: Set<DataType>;
}

export function typeState(db: Db, accountId: string, type: DataType): string {
  return String(stateRow(db, accountId, type).modseq);
}

export function stateRow(db: Db, accountId: string, type: DataType): { modseq: number; horizon: number } {
  const row = db.prepare('SELECT modseq, horizon FROM states WHERE accountId = ? AND type = ?').get(accountId, type) as
    { modseq: number; horizon: number } | undefined;
  return row ?? { modseq: 0, horizon: 0 };
}

/** All types' current state strings for an account. */
export function allStates(db: Db, accountId: string): Map<DataType, number> {
  const rows = db.prepare('SELECT type, modseq FROM states WHERE accountId = ?').all(accountId) as { type: DataType; modseq: number }[];
  return new Map(rows.map((r) => [r.type, r.modseq]));
}

/** The account-wide modseq (used as the push event id). */
export function accountModseq(db: Db, accountId: string): number {
  const row = db.prepare('SELECT value FROM counters WHERE name = ?').get(`modseq:${accountId}`) as { value: number } | undefined;
  return row?.value ?? 0;
}

const sincePrune = new Map<string, number>();

export function createRecorder(db: Db, accountId: string, historyLimit: number): Recorder {
  const touched = new Set<DataType>();
  const insert = db.prepare('INSERT INTO changes (accountId, type, modseq, id, kind, countsOnly, threadId) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const upsertState = db.prepare(
    `INSERT INTO states (accountId, type, modseq, horizon) VALUES (?, ?, ?, 0)
     ON CONFLICT(accountId, type) DO UPDATE SET modseq = excluded.modseq`,
  );
  return {
    touched,
    record(type, id, kind, opts = {}) {
      const modseq = nextCounter(db, `modseq:${accountId}`);
      insert.run(accountId, type, modseq, id, kind, opts.countsOnly ? 1 : 0, opts.threadId ?? null);
      upsertState.run(accountId, type, modseq);
      touched.add(type);
      // Counting the log on every change is costly; check every tenth of the limit, so the
      // kept history is between limit and 1.1 x limit entries.
      const key = `${db.name}\u0000${accountId}\u0000${type}`;
      const n = (sincePrune.get(key) ?? 0) + 1;
      if (n >= Math.max(1, Math.floor(historyLimit / 10))) {
        sincePrune.set(key, 0);
        prune(db, accountId, type, historyLimit);
      } else sincePrune.set(key, n);
    },
  };
}

/** Drops the oldest changes beyond the limit and moves the horizon up to the newest dropped. */
function prune(db: Db, accountId: string, type: DataType, limit: number): void {
  const count = (db.prepare('SELECT COUNT(*) AS n FROM changes WHERE accountId = ? AND type = ?').get(accountId, type) as { n: number }).n;
  if (count <= limit) return;
  const cut = db
    .prepare('SELECT modseq FROM changes WHERE accountId = ? AND type = ? ORDER BY modseq LIMIT 1 OFFSET ?')
    .get(accountId, type, count - limit - 1) as { modseq: number };
  db.prepare('DELETE FROM changes WHERE accountId = ? AND type = ? AND modseq <= ?').run(accountId, type, cut.modseq);
  db.prepare('UPDATE states SET horizon = ? WHERE accountId = ? AND type = ?').run(cut.modseq, accountId, type);
}

/** Forgets all history of a type (tests use it through the control endpoint). */
export function forgetHistory(db: Db, accountId: string, type: DataType): void {
  const { modseq } = stateRow(db, accountId, type);
  db.prepare('DELETE FROM changes WHERE accountId = ? AND type = ?').run(accountId, type);
  db.prepare('UPDATE states SET horizon = ? WHERE accountId = ? AND type = ?').run(modseq, accountId, type);
}

/** Parses a client's state string; null when it is not one this server could have issued. */
export function parseState(state: unknown): number | null {
  if (typeof state !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(state)) return null;
  return Number(state);
}

export function changesSince(db: Db, accountId: string, type: DataType, since: number): ChangeRow[] {
  return db
    .prepare('SELECT modseq, id, kind, countsOnly, threadId FROM changes WHERE accountId = ? AND type = ? AND modseq > ? ORDER BY modseq')
    .all(accountId, type, since) as ChangeRow[];
}
