/**
 * Whether the background worker answers this page: false from the moment a heartbeat
 * or another call to it fails or goes unanswered for 10 s, true again at its next answer.
 * The status bar says so at once instead of a stored "Up to date" nobody keeps true.
 */
import { useSyncExternalStore } from 'react';

let answers = true;
const listeners = new Set<() => void>();

/** mailSync.ts reports each call's outcome here. */
export function workerAnswered(ok: boolean): void {
  if (answers === ok) return;
  answers = ok;
  for (const l of listeners) l();
}

export function useWorkerAnswers(): boolean {
  return useSyncExternalStore(
    (change) => {
      listeners.add(change);
      return () => listeners.delete(change);
    },
    () => answers,
    () => true,
  );
}
