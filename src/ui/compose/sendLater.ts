/**
 * Send later's times (pure): the presets a person picks from, and a time typed in the
 * picker, each checked against what the server holds (its maxDelayedSend, read through
 * the host; src/jmap delayedSendLimit). A preset past the limit is not offered; a picked
 * time past it, or already past, is refused in words.
 */

export interface Preset {
  label: string;
  at: number;
}

/** At least this far ahead (the picker takes seconds: a test schedules 20 s ahead); src/outbox sends a time already past at once. */
const MIN_AHEAD_MS = 10_000;

function at8(d: Date): number {
  const x = new Date(d);
  x.setHours(8, 0, 0, 0);
  return x.getTime();
}

/** Tomorrow morning 8:00, Monday 8:00 (the next one, a week on when today is Monday), in 1 hour; local time. */
export function sendLaterPresets(now: number, limitSeconds: number): Preset[] {
  if (limitSeconds <= 0) return [];
  const today = new Date(now);
  const tomorrow = new Date(today);
  tomorrow.setDate(today.getDate() + 1);
  const monday = new Date(today);
  monday.setDate(today.getDate() + ((8 - today.getDay()) % 7 || 7));
  const all: Preset[] = [
    { label: 'Tomorrow morning, 8:00', at: at8(tomorrow) },
    { label: `Monday, ${new Date(at8(monday)).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, 8:00`, at: at8(monday) },
    { label: 'In 1 hour', at: now + 3600_000 },
  ];
  const seen = new Set<number>();
  return all.filter((p) => p.at - now >= MIN_AHEAD_MS && p.at - now <= limitSeconds * 1000 && !seen.has(p.at) && seen.add(p.at));
}

function days(seconds: number): string {
  if (seconds >= 2 * 86400) return `${Math.floor(seconds / 86400)} days`;
  if (seconds >= 2 * 3600) return `${Math.floor(seconds / 3600)} hours`;
  return `${Math.max(1, Math.floor(seconds / 60))} minutes`;
}

/** A time from the picker (`datetime-local`'s value, local time): the time, or why not, in words. */
export function pickedTime(value: string, now: number, limitSeconds: number): { at: number } | { problem: string } {
  const at = value ? new Date(value).getTime() : NaN;
  if (Number.isNaN(at)) return { problem: 'Pick a date and a time to send it.' };
  if (at - now < MIN_AHEAD_MS) return { problem: 'That time is already past or only seconds away: pick a later one, or press Send.' };
  if (at - now > limitSeconds * 1000)
    return { problem: `This mail server holds mail at most ${days(limitSeconds)} ahead: pick an earlier time.` };
  return { at };
}

/** `datetime-local` form of a time (local, to the second), for the picker's value, min and max. */
export function localInputValue(t: number): string {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}
