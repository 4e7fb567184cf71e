import { useEffect } from 'react';
import { mailDb } from '../data/db.ts';
import { chrome } from './parts.ts';

/** The account's sync and outbox run (the worker bridge, with the chrome); a compose the system opened us for opens. */
export function useMailSync(accountId: string) {
  const db = mailDb();
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    void chrome().then((m) => {
      if (live) stop = m.startMailSync(db, accountId);
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [db, accountId]);
  // Opened by the system to write (/?mailto=…, or a share kept as /?draft=…).
  useEffect(() => void chrome().then((m) => m.openLaunchedCompose()), []);
}
