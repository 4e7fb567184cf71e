// The modules themselves, not the index: the index would pull DOMPurify into the first download.
import { senderDisplay } from '../../sanitize/senderDisplay.ts';
import type { EmailAddress } from '../../jmap/index.ts';

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A list row's date in the person's locale, never with seconds: the time today, the
 * weekday within the last six days, day and month this year, else the whole date.
 */
export function listDate(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return time.format(d);
  const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  if (ms < midnight && ms >= midnight - 6 * 86_400_000) return weekday.format(d);
  return d.getFullYear() === today.getFullYear() ? day.format(d) : full.format(d);
}

/** A message's date and time (conversation, printed headers), without seconds. */
export function longDate(ms: number): string {
  return dateTime.format(new Date(ms));
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
