/**
 * Keeps the device's search index level with the mirror: after every sync that changed
 * something (the account's states, or the kept bodies), the search worker is asked to
 * index what is new. Mounted once the shell is warm, whether or not search is used.
 */
import { useEffect } from 'react';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { indexOnDevice } from './deviceSearch.ts';

/** Keeps the offline index level with the mirror (after every sync that changed something). */
function useSearchIndexUpdater(accountId: string): void {
  // The kept bodies are told by their running byte total (one row), not counted: a count
  // walks every body key of every account, and ran again on each body written during a
  // first download; other contexts' IndexedDB requests wait behind it.
  const states = useLiveQuery(
    async () =>
      JSON.stringify(await mailDb().states.where(':id').between([accountId, ''], [accountId, '\uffff']).toArray()) +
      String((await mailDb().usage.get(accountId))?.bodyBytes ?? 0),
    [accountId],
  );
  useEffect(() => {
    if (states === undefined) return;
    const t = setTimeout(() => indexOnDevice(accountId, states), 500);
    return () => clearTimeout(t);
  }, [accountId, states]);
}

export function SearchIndexer({ accountId }: { accountId: string }) {
  useSearchIndexUpdater(accountId);
  return null;
}
