import { expect, it } from 'vitest';
import { initials, tone } from './avatar.ts';
import { listDate, longDate } from './format.ts';

// Wednesday 2 December 2026, 15:30 local time.
const now = new Date(2026, 11, 2, 15, 30).getTime();
const at = (...p: [number, number, number, number?, number?]) => new Date(p[0], p[1], p[2], p[3] ?? 9, p[4] ?? 5).getTime();
const fmt = (o: Intl.DateTimeFormatOptions, ms: number) => new Intl.DateTimeFormat(undefined, o).format(ms);

it('shows the time today, the weekday this week, day and month this year, else the whole date', () => {
  expect(listDate(at(2026, 11, 2, 9, 5), now)).toBe(fmt({ hour: 'numeric', minute: '2-digit' }, at(2026, 11, 2, 9, 5)));
  expect(listDate(at(2026, 10, 27), now)).toBe(fmt({ weekday: 'short' }, at(2026, 10, 27)));
  expect(listDate(at(2026, 10, 25), now)).toBe(fmt({ month: 'short', day: 'numeric' }, at(2026, 10, 25)));
  expect(listDate(at(2025, 11, 30), now)).toBe(fmt({ dateStyle: 'medium' }, at(2025, 11, 30)));
});

it('never shows seconds', () => {
  const ms = new Date(2026, 11, 2, 9, 5, 42).getTime();
  for (const text of [listDate(ms, now), longDate(ms)]) expect(text).not.toMatch(/42/);
  expect(longDate(ms)).toBe(fmt({ dateStyle: 'medium', timeStyle: 'short' }, ms));
});

it('takes initials from the name, else the address, and one tone per address', () => {
  expect(initials('Ann Example', 'ann@example.test')).toBe('AE');
  expect(initials('"Dr. Émile Zola"', 'z@example.test')).toBe('DZ');
  expect(initials('', 'bob.smith@example.test')).toBe('BS');
  expect(initials(null, null)).toBe('?');
  expect(tone('Ann@Example.test')).toBe(tone('ann@example.test'));
  const tones = new Set(['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test', 'f@x.test'].map(tone));
  expect(tones.size).toBeGreaterThan(2);
  for (const t of tones) expect([0, 1, 2, 3, 4, 5, 6, 7]).toContain(t);
});
