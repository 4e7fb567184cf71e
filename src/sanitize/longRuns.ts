/**
 * Break opportunities in very long unbroken runs of text. Surprise measured in
 * Chromium: wrapping one unbroken 1 MB "word" with `overflow-wrap` takes 50–95 s of
 * layout (it is quadratic in the word's length: 10,000 characters take 0.13 s, 50,000
 * take 1.8 s), during which the page is frozen — the message frame is same-origin, so
 * its layout is the page's. With a break opportunity (<wbr>) every 200 characters the
 * same text lays out in about 1 s. Pure, no DOM.
 */
export const MAX_UNBROKEN_RUN = 200;

/**
 * Splits text so that no piece holds a run of more than `maxRun` non-space characters
 * across a piece boundary; a break opportunity goes between consecutive pieces. Text
 * without such runs comes back as one piece (the common case, checked first).
 */
export function splitLongRuns(text: string, maxRun = MAX_UNBROKEN_RUN): string[] {
  const long = new RegExp(`\\S{${maxRun + 1},}`, 'g');
  if (text.length <= maxRun || !long.test(text)) return [text];
  long.lastIndex = 0;
  const pieces: string[] = [];
  let current = '';
  let last = 0;
  for (const match of text.matchAll(long)) {
    current += text.slice(last, match.index);
    const run = match[0];
    for (let i = 0; i < run.length; i += maxRun) {
      current += run.slice(i, i + maxRun);
      if (i + maxRun < run.length) {
        pieces.push(current);
        current = '';
      }
    }
    last = match.index + run.length;
  }
  pieces.push(current + text.slice(last));
  return pieces;
}
