/**
 * Inserts <wbr> into very long unbroken runs of text in sanitized HTML (see longRuns.ts
 * for why: Chromium's layout is quadratic in the length of an unbroken word).
 */
import { MAX_UNBROKEN_RUN, splitLongRuns } from './longRuns.ts';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Returns how many break opportunities were added. */
export function breakLongRuns(root: Element): number {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const long: Text[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    // <style> text is CSS; SVG text cannot hold an HTML <wbr>.
    if ((node.nodeValue?.length ?? 0) > MAX_UNBROKEN_RUN && parent?.namespaceURI === HTML_NS && parent.localName !== 'style') {
      long.push(node as Text);
    }
  }
  let added = 0;
  for (const text of long) {
    const pieces = splitLongRuns(text.data);
    if (pieces.length === 1) continue;
    const fragment = doc.createDocumentFragment();
    pieces.forEach((piece, index) => {
      if (index > 0) fragment.append(doc.createElement('wbr'));
      fragment.append(piece);
    });
    added += pieces.length - 1;
    text.replaceWith(fragment);
  }
  return added;
}
