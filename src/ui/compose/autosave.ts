/**
 * When a draft being written is saved: once the person pauses (`pauseMs` after the last
 * change), and while they keep typing at least every `maxWaitMs` after the first change
 * not yet saved (a max-wait: a timer restarted by every key would never fire during
 * continuous typing). `flush()` saves now what is not saved yet (close, page hidden,
 * pagehide); `cancel()` forgets it (discard, send). Pure timers: no React, no DOM.
 */
export interface Autosave {
  /** Something changed: a save is due after the pause or the max-wait, whichever comes first. */
  touch(): void;
  /** Saves now if anything changed since the last save; resolves when that save did. */
  flush(): Promise<void>;
  /** Nothing pending is saved (the draft was sent or discarded). */
  cancel(): void;
}

export const PAUSE_MS = 1000;
/**
 * Under 3 s so that a crash loses at most 3 s of typing with the write itself counted
 * (issue 14's acceptance: the kept text is at most 3 s older than the last key).
 */
export const MAX_WAIT_MS = 2000;

export function createAutosave(save: () => Promise<void> | void, pauseMs = PAUSE_MS, maxWaitMs = MAX_WAIT_MS): Autosave {
  let pause: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const clear = () => {
    clearTimeout(pause);
    clearTimeout(deadline);
    pause = deadline = undefined;
  };
  const run = async () => {
    clear();
    if (!dirty) return;
    dirty = false;
    await save();
  };
  return {
    touch() {
      dirty = true;
      clearTimeout(pause);
      pause = setTimeout(() => void run(), pauseMs);
      deadline ??= setTimeout(() => void run(), maxWaitMs);
    },
    flush: run,
    cancel() {
      dirty = false;
      clear();
    },
  };
}
