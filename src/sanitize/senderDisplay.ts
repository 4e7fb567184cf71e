/**
 * How a sender (or any address with a display name) is shown: the one decision both the
 * conversation list and the message header use, so the two cannot disagree.
 *
 * The display name is the sender's to choose, the address is what the mail really came
 * from. A name that reads as an address or a domain ("support@bank.example",
 * "PayPal.com Support") while the address is another one is the classic spoof: then
 * the real address is shown too. Look-alikes are compared as a reader sees them: after
 * removing invisible characters (displayText) and NFKC normalisation, which folds the
 * fullwidth "＠" (U+FF20) and small "﹫" (U+FE6B) into "@" and fullwidth letters and dots
 * into ASCII.
 *
 * Pure, no DOM: imported directly (not through the sanitize index) by the list, which
 * must not pull DOMPurify into the first download.
 */
import { displayText } from './displayText.ts';

export interface SenderDisplay {
  /** The display name to show, '' when there is none or it only repeats the address. */
  name: string;
  /** The real address, cleaned for display. */
  address: string;
  /** True when the address must be shown beside a (non-empty) name. */
  showAddress: boolean;
}

const NAME_MAX = 200;
const ADDRESS_MAX = 320;

// Dots that browsers and readers take for "." in a domain and NFKC leaves alone.
const DOT_LIKE = /[\u3002\uff61]/g;
// A domain as a reader would take it: dotted labels of letters/digits (any script), the
// last one letters only (or an IDNA "xn--" label). "J.R.R. Tolkien" and "Mr. Smith" are
// not domains; "PayPal.com" and "pаypal.com" (Cyrillic а) are.
const DOMAIN = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)/gu;

/** What a reader would take the text for, in one canonical form. */
function asRead(text: string): string {
  return displayText(text, ADDRESS_MAX * 2)
    .normalize('NFKC')
    .replace(DOT_LIKE, '.')
    .toLowerCase();
}

/** The name itself, stripped of what people wrap an address in: "<a@b>", '"a@b"', 'a@b'. */
function bare(text: string): string {
  return text.replace(/\s+/g, '').replace(/^["'<(]+|[">')]+$/g, '');
}

/** True when the name could make a reader believe the mail is from elsewhere. */
function misleads(readName: string, readAddress: string): boolean {
  if (readName.includes('@')) return true;
  const at = readAddress.lastIndexOf('@');
  const realDomain = at >= 0 ? readAddress.slice(at + 1) : readAddress;
  for (const [domain] of readName.matchAll(DOMAIN)) {
    // The name's domain is the real one, or a parent of it (mail.paypal.com under
    // "PayPal.com"): that is no lie. Anything else is another domain.
    if (domain !== realDomain && !realDomain.endsWith(`.${domain}`)) return true;
  }
  return false;
}

export function senderDisplay(name: string | null | undefined, email: string | null | undefined): SenderDisplay {
  const shownName = displayText(name, NAME_MAX);
  const address = displayText(email, ADDRESS_MAX);
  if (shownName === '' || address === '') return { name: shownName, address, showAddress: false };
  const readName = asRead(shownName);
  const readAddress = asRead(address);
  // A name that is just the address (in any case or width): show the address once.
  if (bare(readName) === readAddress) return { name: '', address, showAddress: false };
  return { name: shownName, address, showAddress: misleads(readName, readAddress) };
}
