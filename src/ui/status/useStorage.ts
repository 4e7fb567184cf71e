import { useEffect, useState } from 'react';
import { getSyncProgress } from '../../store/reads.ts';
import { DEFAULT_SYNC_OPTIONS } from '../../sync/context.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

export interface StorageFigures {
  /** The origin's whole use and quota, from the browser (an estimate: padded by Chromium). */
  used?: number;
  quota?: number;
  /** Kept for good by the browser (navigator.storage.persist was granted). */
  persisted: boolean | null;
  /** The mirror's own running totals (what eviction can give back). */
  bodyBytes?: number;
  blobBytes?: number;
  /** The budget the engine keeps message text within (its last run's), counted as bodyBytes is. */
  bodyBudgetBytes: number;
}

export function bytesText(n: number | undefined): string {
  if (n === undefined) return 'unknown';
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  const fixed = (v: number) => v.toFixed(1).replace(/\.0$/, '');
  if (n < 1024 * 1024 * 1024) return `${fixed(n / 1024 / 1024)} MB`;
  return `${fixed(n / 1024 / 1024 / 1024)} GB`;
}

/** Storage used on this device; the estimate is refreshed when the mirror's totals move. */
export function useStorage(accountId: string): StorageFigures {
  const usage = useLiveQuery(() => mailDb().usage.get(accountId), [accountId]);
  const progress = useLiveQuery(() => getSyncProgress(mailDb(), accountId), [accountId]);
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number }>({});
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    void navigator.storage?.estimate?.().then(setEstimate, () => undefined);
    void navigator.storage?.persisted?.().then(setPersisted, () => undefined);
  }, [usage?.bodyBytes, usage?.blobBytes]);
  return {
    used: estimate.usage,
    quota: estimate.quota,
    persisted,
    bodyBytes: usage?.bodyBytes,
    blobBytes: usage?.blobBytes,
    bodyBudgetBytes: progress?.bodies.budgetBytes || DEFAULT_SYNC_OPTIONS.bodyBudgetBytes,
  };
}
