import type { Table } from 'dexie';
import { MIN_KEY as MIN, accountRange } from './keys.ts';

/**
 * The rows of one account matching `keep`, read in pages with getAll: a filtered cursor
 * walks row by row (seen ~1 ms per row under fake-indexeddb, 1.7 s for 2,000 emails),
 * while paged reads stay fast and bound memory on large accounts.
 */
export async function scanAccount<T extends { accountId: string; id: string }>(
  table: Table<T, [string, string]>,
  accountId: string,
  keep: (row: T) => boolean,
  page = 2000,
): Promise<T[]> {
  const out: T[] = [];
  let lower: unknown[] = [accountId, MIN];
  let inclusive = true;
  const [, hi] = accountRange(accountId);
  for (;;) {
    const rows = await table.where(':id').between(lower, hi, inclusive, true).limit(page).toArray();
    for (const r of rows) if (keep(r)) out.push(r);
    if (rows.length < page) return out;
    lower = [accountId, rows[rows.length - 1]!.id];
    inclusive = false;
  }
}
