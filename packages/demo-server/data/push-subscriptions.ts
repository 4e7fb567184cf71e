import type { PushSubscription } from '../wire.ts';
import type { Db } from './db.ts';

/**
 * Push subscriptions (RFC 8620 7.2) belong to the credentials that made them, not to an
 * account, and have no state string: no change recorder, one row per subscription.
 */
export interface StoredSubscription extends PushSubscription {
  username: string;
  /** The code pushed in the PushVerification; until the client sets it, only that is pushed. */
  expectedCode: string;
}

export function listSubscriptions(db: Db, username: string): StoredSubscription[] {
  const rows = db.prepare('SELECT data FROM push_subscriptions WHERE username = ? ORDER BY rowid').all(username) as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as StoredSubscription);
}

export function allSubscriptions(db: Db): StoredSubscription[] {
  const rows = db.prepare('SELECT data FROM push_subscriptions ORDER BY rowid').all() as { data: string }[];
  return rows.map((r) => JSON.parse(r.data) as StoredSubscription);
}

export function getSubscription(db: Db, id: string): StoredSubscription | undefined {
  const row = db.prepare('SELECT data FROM push_subscriptions WHERE id = ?').get(id) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as StoredSubscription) : undefined;
}

export function putSubscription(db: Db, sub: StoredSubscription): void {
  db.prepare('INSERT INTO push_subscriptions (id, username, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data').run(
    sub.id,
    sub.username,
    JSON.stringify(sub),
  );
}

export function deleteSubscription(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM push_subscriptions WHERE id = ?').run(id).changes > 0;
}
