// The module itself, not the index: the index would pull DOMPurify into the first download.
import { displayText } from '../../sanitize/displayText.ts';
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

export function who(list: readonly EmailAddress[] | null | undefined): string {
  const a = list?.[0];
  if (!a) return '(unknown sender)';
  // A sender name is header text like any other: cut and cleaned for display.
  return displayText(a.name, 200) || displayText(a.email, 200) || '(unknown sender)';
}
