/**
 * Key-range bounds. IndexedDB's key conversion rejects the SAME array object appearing
 * twice in one key (its cycle check keeps every array it has seen), so a compound upper
 * bound like [a, b, maxKey, maxKey] must use two distinct arrays: hence a function.
 */
// No Dexie import: the raw first read (firstRead.ts) uses these bounds before Dexie loads.
/** A key lower than every other: Dexie.minKey's value. */
export const MIN_KEY = -Infinity;

/** A fresh key greater than every number, string, date and binary key: `[[]]`. */
export function maxKey(): unknown[] {
  return [[]];
}

/** All rows of one account in a table keyed [accountId+...]. */
export function accountRange(accountId: string): [unknown[], unknown[]] {
  return [
    [accountId, MIN_KEY],
    [accountId, maxKey()],
  ];
}
