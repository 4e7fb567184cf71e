/** Splitting work into pieces the server and IndexedDB both handle well (the split itself: src/jmap's chunk). */

/**
 * Rows per first-sync chunk: one request and one IndexedDB transaction each. IndexedDB
 * writes ~3-5k rows/s in a browser, so a few hundred rows keep each transaction well under
 * a second (the UI stays live and an abort loses little), and never more than the server
 * lets one /get return.
 */
export function metadataChunkSize(maxObjectsInGet: number, preferred = 400): number {
  return Math.max(1, Math.min(preferred, maxObjectsInGet));
}

/** Keys present in `a` and missing from `b`. */
export function missingFrom<T>(a: Iterable<T>, b: ReadonlySet<T>): T[] {
  const out: T[] = [];
  for (const x of a) if (!b.has(x)) out.push(x);
  return out;
}
