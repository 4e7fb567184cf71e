import { describe, expect, it } from 'vitest';
import { localInputValue, pickedTime, sendLaterPresets } from './sendLater.ts';

const DAY = 86400;
/** Local times, so the presets' 8:00 is the person's 8:00 whatever zone the test runs in. */
const at = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('send later presets fall within the server’s limit', () => {
  it('offers tomorrow 8:00, the next Monday 8:00 and in 1 hour when the server holds 30 days', () => {
    const now = at(2026, 12, 2, 15, 30); // a Wednesday
    const presets = sendLaterPresets(now, 30 * DAY);
    expect(presets.map((p) => p.at)).toEqual([at(2026, 12, 3, 8), at(2026, 12, 7, 8), now + 3600_000]);
    expect(new Date(presets[1]!.at).getDay()).toBe(1);
    expect(presets[0]!.label).toBe('Tomorrow morning, 8:00');
  });

  it('on a Monday, Monday means next week; on a Sunday it is tomorrow and shows once', () => {
    const monday = at(2026, 12, 7, 9);
    expect(sendLaterPresets(monday, 30 * DAY).map((p) => p.at)).toContain(at(2026, 12, 14, 8));
    const sunday = at(2026, 12, 6, 20);
    const list = sendLaterPresets(sunday, 30 * DAY);
    expect(list.filter((p) => p.at === at(2026, 12, 7, 8))).toHaveLength(1);
  });

  it('leaves out every preset past the limit, and offers none without one', () => {
    const now = at(2026, 12, 2, 23, 0);
    for (const limit of [0, 1800, 2 * 3600, 10 * 3600, DAY, 3 * DAY, 30 * DAY]) {
      for (const p of sendLaterPresets(now, limit)) {
        expect(p.at).toBeGreaterThan(now);
        expect(p.at - now).toBeLessThanOrEqual(limit * 1000);
      }
    }
    expect(sendLaterPresets(now, 0)).toEqual([]);
    expect(sendLaterPresets(now, 1800)).toEqual([]);
    expect(sendLaterPresets(now, 2 * 3600).map((p) => p.label)).toEqual(['In 1 hour']);
    expect(sendLaterPresets(now, 10 * 3600).map((p) => p.label)).toEqual(['Tomorrow morning, 8:00', 'In 1 hour']);
  });

  it('takes a picked time within the limit and refuses others in words', () => {
    const now = at(2026, 12, 2, 12);
    expect(pickedTime(localInputValue(now + 20 * 60_000), now, 30 * DAY)).toEqual({ at: now + 20 * 60_000 });
    expect(pickedTime('', now, 30 * DAY)).toEqual({ problem: 'Pick a date and a time to send it.' });
    expect(pickedTime(localInputValue(now - 3600_000), now, 30 * DAY)).toMatchObject({ problem: expect.stringContaining('already past') });
    expect(pickedTime(localInputValue(now + 31 * DAY * 1000), now, 30 * DAY)).toEqual({
      problem: 'This mail server holds mail at most 30 days ahead: pick an earlier time.',
    });
  });
});
