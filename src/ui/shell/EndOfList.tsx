import { getSyncProgress } from '../../store/reads.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useMirroredDuringFirstSync } from '../status/useMirrored.ts';

/**
 * Under the last conversation the mirror holds. The engine downloads the account's older
 * mail in the background, newest first; until it is done, say so (the list grows by
 * itself as it arrives), rather than pretending the folder ends here.
 */
export function EndOfList({ accountId }: { accountId: string }) {
  // null: no progress record yet (the first download has not begun); undefined: still
  // reading it. Only a listing that is done may say the folder ends here: saying so while
  // the record loads showed "No older conversations." for a moment under 71 of 200
  // conversations on a loaded machine.
  const progress = useLiveQuery(async () => (await getSyncProgress(mailDb(), accountId)) ?? null, [accountId]);
  const mirrored = useMirroredDuringFirstSync(accountId, progress ?? undefined);
  if (progress === undefined)
    return (
      <p className="muted small" aria-hidden="true">
        &nbsp;
      </p>
    );
  const listing = progress?.listing;
  if (listing?.state === 'done') return <p className="muted small">No older conversations.</p>;
  if (!listing) {
    return (
      <p className="muted small" role="status">
        Older mail is still being downloaded; it appears here as it arrives.
      </p>
    );
  }
  // The mirror's own count (what the list can show), never the listing's position.
  const of =
    mirrored && listing.total && listing.total >= mirrored
      ? ` (${mirrored.toLocaleString()} of ${listing.total.toLocaleString()} messages so far)`
      : '';
  return (
    <p className="muted small" role="status">
      Older mail is still being downloaded{of}; it appears here as it arrives.
    </p>
  );
}
