// The modules themselves, not the index: the index would pull DOMPurify into the first download.
import { senderDisplay } from '../../sanitize/senderDisplay.ts';
import type { EmailAddress } from '../../jmap/index.ts';

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** Relative for today ("5 minutes ago", "3 hours ago"), the day this year, the date before. */
export function listDate(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) {
    const minutes = Math.round((ms - now) / 60_000);
    if (minutes > -60) return relative.format(Math.min(0, minutes), 'minute');
    return relative.format(Math.round(minutes / 60), 'hour');
  }
  return d.getFullYear() === today.getFullYear() ? day.format(d) : full.format(d);
}

export function longDate(ms: number): string {
  return `${full.format(new Date(ms))}, ${time.format(new Date(ms))}`;
}

/**
 * The sender as one line of text (list rows, labels). The decision to show the real
 * address is senderDisplay's, the same the message header makes; here the address comes
 * first, so a row's ellipsis can cut a long fake name but never the real address.
 */
export function who(list: readonly EmailAddress[] | null | undefined): string {
  const a = list?.[0];
  if (!a) return '(unknown sender)';
  const { name, address, showAddress } = senderDisplay(a.name, a.email);
  if (name === '') return address || '(unknown sender)';
  return showAddress ? `${address} (${name})` : name;
}
