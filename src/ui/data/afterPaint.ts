/**
 * Starts a live read once the frame now being prepared is on screen, not before. What is
 * shown already came from a peek (the start read, a read-ahead): re-reading it at once
 * would put IndexedDB transactions and Dexie's bookkeeping between the commit and the
 * paint of those rows, for an answer that is the same. A write that lands meanwhile is
 * not missed: a live query reads afresh when it starts.
 */
export interface Stoppable {
  unsubscribe(): void;
}

export function afterPaint(start: () => Stoppable): Stoppable {
  let started: Stoppable | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const go = () => {
    if (!stopped) started = start();
  };
  // The task after the next frame; without frames (a hidden tab, tests in Node) a task.
  const frame =
    typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible'
      ? requestAnimationFrame(() => (timer = setTimeout(go)))
      : ((timer = setTimeout(go)), 0);
  return {
    unsubscribe() {
      stopped = true;
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(timer);
      started?.unsubscribe();
    },
  };
}

/** Runs `run` once, in the task after the next frame; returns what cancels it before then. */
export function whenPainted(run: () => void): () => void {
  const pending = afterPaint(() => (run(), { unsubscribe() {} }));
  return () => pending.unsubscribe();
}
