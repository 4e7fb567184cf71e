/** The progress record: created on first sync, advanced chunk by chunk. */
import type { SyncProgress } from './cache.ts';

export function freshProgress(accountId: string, gen: number, now: number, budgetBytes: number): SyncProgress {
  return {
    accountId,
    gen,
    listing: { state: 'pending', anchorId: null, position: 0, total: null, startedAt: now, finishedAt: null },
    bodies: { state: 'pending', done: 0, total: 0, bytes: 0, budgetBytes, finishedAt: null },
  };
}
