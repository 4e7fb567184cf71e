import { useEffect, useState } from 'react';
import { discardItem, dismissNotice, listNotices, outboxItems, retryItem, undoSend } from '../../outbox/index.ts';
import { describeStatus } from '../../sync/index.ts';
import { getSyncProgress, getSyncStatus } from '../../store/index.ts';
import { syncNow } from '../bridge/mailSync.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

/** Re-renders every `ms` so "synced N s ago" stays true. */
function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** What sync is doing, in words; the outbox; and notices, in a live region. */
export function StatusBar({ accountId }: { accountId: string }) {
  const now = useNow(10_000);
  const db = mailDb();
  const status = useLiveQuery(() => getSyncStatus(db, accountId), [accountId]);
  const progress = useLiveQuery(() => getSyncProgress(db, accountId), [accountId]);
  const items = useLiveQuery(() => outboxItems(db, accountId), [accountId]) ?? [];
  const notices = useLiveQuery(() => listNotices(db, accountId), [accountId]) ?? [];
  const [showOutbox, setShowOutbox] = useState(false);
  const listing = progress?.listing;
  const firstSync = listing && listing.state !== 'done' ? ` Fetching your mail: ${listing.position.toLocaleString()}${listing.total ? ` of ${listing.total.toLocaleString()}` : ''} messages.` : '';
  return (
    <footer className="statusbar">
      <span className={`sync-status ${status?.kind ?? 'idle'}`} role="status" aria-live="polite">
        {describeStatus(status, now)}
        {firstSync}
      </span>
      <button type="button" onClick={() => syncNow(accountId)}>
        Check now
      </button>
      <button type="button" aria-expanded={showOutbox} onClick={() => setShowOutbox((v) => !v)}>
        Outbox{items.length ? ` (${items.length})` : ''}
      </button>
      <div className="notices" aria-live="assertive">
        {notices.map((n) => (
          <p key={n.id} role="alert" className="notice">
            {n.text}{' '}
            <button type="button" onClick={() => void dismissNotice(db, n.id)}>
              Dismiss
            </button>
          </p>
        ))}
      </div>
      {showOutbox && (
        <section className="outbox" aria-label="Outbox">
          {items.length === 0 ? (
            <p>Nothing waiting: everything reached the server.</p>
          ) : (
            <ul>
              {items.map((i) => (
                <li key={i.id}>
                  {i.summary} — <strong>{i.state === 'held' ? 'sending soon' : i.state}</strong>
                  {i.reason ? `: ${i.reason}` : ''}{' '}
                  {i.state === 'held' && <button type="button" onClick={() => void undoSend(db, i.id)}>Undo</button>}
                  {i.state === 'failed' && <button type="button" onClick={() => void retryItem(db, i.id)}>Retry</button>}
                  {(i.state === 'failed' || i.state === 'waiting') && <button type="button" onClick={() => void discardItem(db, i.id)}>Discard</button>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </footer>
  );
}
