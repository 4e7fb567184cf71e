/**
 * Issue 14: a draft is saved about a second after the last key, and at most every
 * MAX_WAIT_MS while the person keeps typing (the timer that restarted on every render
 * saved nothing until a 3 s pause); flush saves at once (close, hide, pagehide).
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createAutosave, MAX_WAIT_MS, PAUSE_MS } from './autosave.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('saves once a pause after the last change', () => {
  const save = vi.fn();
  const a = createAutosave(save);
  a.touch();
  vi.advanceTimersByTime(PAUSE_MS / 2);
  a.touch();
  vi.advanceTimersByTime(PAUSE_MS - 1);
  expect(save).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(save).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(10 * MAX_WAIT_MS);
  expect(save).toHaveBeenCalledTimes(1);
});

it('saves every key within the max-wait while typing never pauses', () => {
  const saves: number[] = [];
  const a = createAutosave(() => void saves.push(Date.now()));
  const keys: number[] = [];
  // A key every 150 ms for 20 s: never a pause of PAUSE_MS.
  for (let t = 0; t < 20_000; t += 150) {
    keys.push(Date.now());
    a.touch();
    vi.advanceTimersByTime(150);
  }
  vi.advanceTimersByTime(PAUSE_MS);
  // What a crash at any moment loses: the keys typed since the last save before it.
  const lag = keys.map((k) => saves.find((s) => s >= k)! - k);
  expect(Math.max(...lag)).toBeLessThanOrEqual(MAX_WAIT_MS);
  expect(saves.length).toBeLessThan(20_000 / PAUSE_MS);
});

it('flush saves what changed now, and nothing when nothing did', async () => {
  const save = vi.fn();
  const a = createAutosave(save);
  await a.flush();
  expect(save).not.toHaveBeenCalled();
  a.touch();
  await a.flush();
  expect(save).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(10 * MAX_WAIT_MS);
  expect(save).toHaveBeenCalledTimes(1);
});

it('cancel forgets a pending save (sent or discarded)', () => {
  const save = vi.fn();
  const a = createAutosave(save);
  a.touch();
  a.cancel();
  vi.advanceTimersByTime(10 * MAX_WAIT_MS);
  expect(save).not.toHaveBeenCalled();
});
