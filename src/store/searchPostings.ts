/**
 * One row of the device's search index: for one bucket of words (searchTokens.ts
 * bucketOf) and one flush of the indexer (a chunk), the sorted words and, for each, the
 * sorted document numbers that hold it, delta-coded as LEB128 varints (a few bytes per
 * posting instead of an id string). Rows are written once and never rewritten: the index
 * grows by appending chunks, so saving it never serialises the whole of it.
 */
export interface SearchTermRow {
  accountId: string;
  bucket: string;
  chunk: number;
  /** Sorted ascending (code unit order, as IndexedDB compares strings). */
  terms: string[];
  /** Byte offset in `data` where each term's postings start; one more entry: the end. */
  offsets: Uint32Array;
  data: Uint8Array;
}

export function encodeBucket(accountId: string, bucket: string, chunk: number, postings: Map<string, number[]>): SearchTermRow {
  const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const offsets = new Uint32Array(terms.length + 1);
  const bytes: number[] = [];
  terms.forEach((term, i) => {
    offsets[i] = bytes.length;
    const ns = [...new Set(postings.get(term)!)].sort((a, b) => a - b);
    let previous = 0;
    for (const n of ns) {
      let delta = n - previous;
      previous = n;
      while (delta >= 0x80) {
        bytes.push((delta % 0x80) | 0x80);
        delta = Math.floor(delta / 0x80);
      }
      bytes.push(delta);
    }
  });
  offsets[terms.length] = bytes.length;
  return { accountId, bucket, chunk, terms, offsets, data: Uint8Array.from(bytes) };
}

/** The document numbers of the row's i-th term, added to `into`. */
export function decodePostings(row: SearchTermRow, i: number, into: Set<number>): void {
  const end = row.offsets[i + 1]!;
  let at = row.offsets[i]!;
  let n = 0;
  while (at < end) {
    let delta = 0;
    let scale = 1;
    for (;;) {
      const b = row.data[at++]!;
      delta += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    n += delta;
    into.add(n);
  }
}

/** Index of the first term >= word (binary search over the sorted terms). */
export function firstTermAtLeast(row: SearchTermRow, word: string): number {
  let lo = 0;
  let hi = row.terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (row.terms[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
