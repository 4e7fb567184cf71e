/**
 * Folds quoted replies in sanitized HTML behind a <details> toggle, which opens and
 * closes with no script (the message frame runs none). Only the cheap, reliable
 * markers: `<blockquote type="cite">` (Apple Mail, Thunderbird, Roundcube) and
 * `.gmail_quote` (Gmail, which puts the "On ... wrote:" line inside it).
 */

const QUOTE_SELECTOR = 'blockquote[type="cite" i], .gmail_quote';

function visibleTextLength(node: Node): number {
  return (node.textContent ?? '').replace(/\s+/g, '').length;
}

/** Wraps the outermost quotes; returns how many were folded. A message that is
 * nothing but a quote (a forward) is left open: folding it would show an empty mail. */
export function foldHtmlQuotes(root: Element): number {
  const outermost = Array.from(root.querySelectorAll(QUOTE_SELECTOR)).filter((quote) => !quote.parentElement?.closest(QUOTE_SELECTOR));
  if (outermost.length === 0) return 0;
  const quoted = outermost.reduce((sum, quote) => sum + visibleTextLength(quote), 0);
  if (visibleTextLength(root) - quoted <= 0) return 0;
  const doc = root.ownerDocument;
  for (const quote of outermost) {
    const details = doc.createElement('details');
    details.className = 'mail-quote';
    const summary = doc.createElement('summary');
    summary.setAttribute('aria-label', 'Quoted text');
    const closed = doc.createElement('span');
    closed.className = 'mail-quote-show';
    closed.textContent = 'Show quoted text';
    const open = doc.createElement('span');
    open.className = 'mail-quote-hide';
    open.textContent = 'Hide quoted text';
    summary.append(closed, open);
    quote.replaceWith(details);
    details.append(summary, quote);
  }
  return outermost.length;
}
