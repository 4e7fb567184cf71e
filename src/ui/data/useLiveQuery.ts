import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

/**
 * A Dexie live query as React state: re-runs whenever a table it read changes, whoever
 * wrote it (this page, another tab, the service worker's engine: Dexie broadcasts commits).
 * `undefined` until the first answer.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.error('A read of the local mirror failed', error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on
  }, deps);
  return value;
}
