import type { VacationResponse } from '../wire.ts';
import type { Db } from './db.ts';

/** The VacationResponse singleton and the senders already answered while it is on. */
export function getVacation(db: Db, accountId: string): VacationResponse {
  const row = db.prepare('SELECT data FROM vacation WHERE accountId = ?').get(accountId) as { data: string } | undefined;
  return row
    ? (JSON.parse(row.data) as VacationResponse)
    : { id: 'singleton', isEnabled: false, fromDate: null, toDate: null, subject: null, textBody: null, htmlBody: null };
}

/** Saving the response starts a new vacation: every sender gets one reply again. */
export function putVacation(db: Db, accountId: string, v: VacationResponse): void {
  db.prepare('INSERT INTO vacation (accountId, data) VALUES (?, ?) ON CONFLICT(accountId) DO UPDATE SET data = excluded.data').run(
    accountId,
    JSON.stringify(v),
  );
  db.prepare('DELETE FROM vacation_replies WHERE accountId = ?').run(accountId);
}

/** Records a reply to this sender; false when one was already sent. */
export function firstReplyTo(db: Db, accountId: string, address: string): boolean {
  return (
    db.prepare('INSERT OR IGNORE INTO vacation_replies (accountId, address) VALUES (?, ?)').run(accountId, address.toLowerCase())
      .changes === 1
  );
}
