import { useEffect } from 'react';
import { whenPainted } from '../data/afterPaint.ts';
import { mailDb } from '../data/db.ts';
import { chrome } from './parts.ts';

/**
 * The account's sync and outbox run (the worker bridge, with the chrome); a compose the
 * system opened us for opens. Each begins after the first frame is painted: the chrome's
 * module, evaluated between the first commit and its paint, held the rows back ~15 ms.
 */
export function useMailSync(accountId: string) {
  const db = mailDb();
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    const cancel = whenPainted(
      () =>
        void chrome().then((m) => {
          if (live) stop = m.startMailSync(db, accountId);
        }),
    );
    return () => {
      live = false;
      cancel();
      stop?.();
    };
  }, [db, accountId]);
  // Opened by the system to write (/?mailto=…, or a share kept as /?draft=…).
  useEffect(() => whenPainted(() => void chrome().then((m) => m.openLaunchedCompose())), []);
}

/**
 * A conversation opened from a notification: /?thread=<id> in a new window, or a message
 * to this one (src/sw/push.ts). With the chrome, not on the start path.
 */
export function useLaunchedThread(accountId: string, open: (threadId: string) => void) {
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    const cancel = whenPainted(
      () =>
        void chrome().then((m) => {
          if (!live) return;
          const launched = m.launchedThread();
          if (launched) open(launched);
          stop = m.onThreadOpened(accountId, open);
        }),
    );
    return () => {
      live = false;
      cancel();
      stop?.();
    };
  }, [accountId, open]);
}
