/**
 * `srcset` as the HTML standard splits it (§4.8.4.3.10, simplified: descriptors are kept
 * as written, not validated). A URL may itself contain commas (data: URLs), which is
 * why this is not `split(',')`.
 */
export interface SrcsetCandidate {
  url: string;
  /** e.g. "2x" or "640w"; empty when none was given. */
  descriptor: string;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (isSpace(value[i]) || value[i] === ',')) i++;
    if (i >= n) break;
    const urlStart = i;
    while (i < n && !isSpace(value[i])) i++;
    let url = value.slice(urlStart, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Descriptors run to the next comma that is not inside parentheses.
      const descStart = i;
      let depth = 0;
      while (i < n) {
        const c = value[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
      descriptor = value.slice(descStart, i).trim();
      i++; // the comma
    }
    if (url !== '') out.push({ url, descriptor });
  }
  return out;
}

export function serializeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', ');
}
