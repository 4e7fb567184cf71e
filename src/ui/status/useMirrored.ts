import type { SyncProgress } from '../../sync/cache.ts';
import { countEmails } from '../../store/reads.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

/**
 * While the account's first download runs: how many of its messages the mirror holds,
 * counted there (what the list can show), not the listing's position (which leaves out
 * the first page's mail). Undefined otherwise: a finished or re-checking mirror needs no count.
 */
export function useMirroredDuringFirstSync(accountId: string, progress: SyncProgress | undefined): number | undefined {
  const counting = !!progress && progress.gen === 1 && progress.listing.state !== 'done';
  return useLiveQuery(() => (counting ? countEmails(mailDb(), accountId) : Promise.resolve(undefined)), [accountId, counting]);
}
