import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../sync/cache.ts';
import { flightCounts, flightWords, pressureWords } from './flightWords.ts';

const MB = 1024 * 1024;
const progress = (over: Partial<SyncProgress> = {}): SyncProgress => ({
  accountId: 'a',
  gen: 1,
  listing: { state: 'done', anchorId: null, position: 1498, total: 1498, startedAt: 0, finishedAt: 1 },
  bodies: { state: 'done', done: 1498, total: 1498, bytes: 4 * MB, budgetBytes: 2e9, finishedAt: 1 },
  attachments: { state: 'done', done: 12, total: 14, bytes: 0.3 * MB, finishedAt: 1 },
  ...over,
});

describe('FlightCountsAddUp', () => {
  it('says how much of the choice is on the device, as a traveller reads it', () => {
    const c = flightCounts({ progress: progress(), bodyBytes: 4 * MB, blobBytes: 0.3 * MB });
    expect(flightWords(c)).toBe('1,498 of 1,498 messages, 12 of 14 attachments, 4.3 MB.');
    expect(c.ready).toBe(false);
  });

  it('is ready only when every message and attachment chosen is here and no pass runs', () => {
    const all = progress({ attachments: { state: 'done', done: 14, total: 14, bytes: MB, finishedAt: 1 } });
    expect(flightCounts({ progress: all, bodyBytes: MB, blobBytes: MB }).ready).toBe(true);
    expect(flightWords(flightCounts({ progress: all, bodyBytes: MB, blobBytes: MB }))).toMatch(
      /: everything you chose is on this device\.$/,
    );
    const running = progress({ bodies: { ...all.bodies, state: 'running', done: 10 } });
    expect(flightWords(flightCounts({ progress: running, bodyBytes: MB, blobBytes: 0 }))).toMatch(
      /^10 of 1,498 messages, 12 of 14 attachments, 1 MB: downloading the rest…$/,
    );
    // Before any attachment pass (an older worker): not ready.
    expect(flightCounts({ progress: progress({ attachments: undefined }), bodyBytes: 0, blobBytes: 0 }).ready).toBe(false);
  });

  it('never shows a part larger than its whole', () => {
    // A stale count above its total (mail deleted since the pass) is capped.
    const c = flightCounts({
      progress: progress({ attachments: { state: 'done', done: 20, total: 14, bytes: 0, finishedAt: 1 } }),
      bodyBytes: 9 * MB,
      blobBytes: 3 * MB,
      used: 5 * MB,
    });
    expect(c.attachments).toEqual({ done: 14, total: 14 });
    // Counted uncompressed, 12 MB; the browser says the whole origin takes 5 MB.
    expect(c.bytes).toBe(5 * MB);
    expect(flightCounts({ progress: undefined, bodyBytes: -5, blobBytes: 0 })).toMatchObject({
      messages: { done: 0, total: 0 },
      attachments: { done: 0, total: 0 },
      bytes: 0,
      ready: false,
    });
  });

  it('tells what storage running short removed, and what it kept', () => {
    expect(pressureWords(undefined, 0)).toBeNull();
    expect(pressureWords({ at: 0, outside: 3, attachments: 1, bodies: 40 }, 1000)).toBe(
      'Today this device ran short of storage, so the oldest were removed: 3 items outside your offline choice, 1 attachment, 40 message texts. ' +
        'Your outbox, drafts and every message’s summary were kept; what was removed downloads again when there is room.',
    );
  });
});
