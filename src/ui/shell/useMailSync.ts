import { useEffect } from 'react';
import { whenPainted } from '../data/afterPaint.ts';
import { chrome } from './parts.ts';

type Chrome = Awaited<ReturnType<typeof chrome>>;

/**
 * Once the first frame is painted, loads the chrome and runs `start` with it; returns the
 * effect's cleanup, which cancels it before then and stops what it started after.
 */
function withChromeAfterPaint(start: (m: Chrome) => (() => void) | void): () => void {
  let live = true;
  let stop: (() => void) | void;
  const cancel = whenPainted(
    () =>
      void chrome().then((m) => {
        if (live) stop = start(m);
      }),
  );
  return () => {
    live = false;
    cancel();
    stop?.();
  };
}

/**
 * The account's sync and outbox run (the worker bridge, with the chrome); a compose the
 * system opened us for opens. Each begins after the first frame is painted: the chrome's
 * module, evaluated between the first commit and its paint, held the rows back (commit ->
 * paint at 100,000 messages: 25 -> 17 ms, reload bench).
 */
export function useMailSync(accountId: string) {
  useEffect(() => withChromeAfterPaint((m) => m.startMailSync(m.mailDb(), accountId)), [accountId]);
  // Opened by the system to write (/?mailto=…, or a share kept as /?draft=…).
  useEffect(() => withChromeAfterPaint((m) => void m.openLaunchedCompose()), []);
}

/**
 * A conversation opened from a notification: /?thread=<id> in a new window, or a message
 * to this one (src/sw/push.ts). With the chrome, not on the start path.
 */
export function useLaunchedThread(accountId: string, open: (threadId: string) => void) {
  useEffect(
    () =>
      withChromeAfterPaint((m) => {
        const launched = m.launchedThread(accountId);
        if (launched) open(launched);
        return m.onThreadOpened(accountId, open);
      }),
    [accountId, open],
  );
}
