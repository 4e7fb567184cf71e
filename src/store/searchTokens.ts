/**
 * The words of the device's search index: lower case, accents folded (so "resume" finds
 * "résumé"), split at anything that is not a letter or digit of any script. Words longer
 * than MAX_WORD are ids, hashes and URLs' insides, which nobody types: left out.
 */
export const MAX_WORD = 40;

export function words(text: string): string[] {
  const out: string[] = [];
  for (const w of text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (w.length > 0 && w.length <= MAX_WORD) out.push(w);
  }
  return out;
}

/**
 * Words are stored in buckets named by their first two characters, so a typed prefix of
 * two or more characters reads one bucket, and a one-character word only its own.
 */
export const bucketOf = (word: string): string => word.slice(0, 2);
