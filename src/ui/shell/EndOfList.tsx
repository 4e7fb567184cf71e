import { getSyncProgress } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

/**
 * Under the last conversation the mirror holds. The engine downloads the account's older
 * mail in the background, newest first; until it is done, say so (the list grows by
 * itself as it arrives), rather than pretending the folder ends here.
 */
export function EndOfList({ accountId }: { accountId: string }) {
  const progress = useLiveQuery(() => getSyncProgress(mailDb(), accountId), [accountId]);
  const listing = progress?.listing;
  if (!listing || listing.state === 'done') return <p className="muted small">No older conversations.</p>;
  const of = listing.total ? ` (${listing.position.toLocaleString()} of ${listing.total.toLocaleString()} messages so far)` : '';
  return (
    <p className="muted small" role="status">
      Older mail is still being downloaded{of}; it appears here as it arrives.
    </p>
  );
}
