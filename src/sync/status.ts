/**
 * Sync status in words. The engine stores a SyncStatus (cache.ts); statusForError decides
 * what a failure means for a person, describeStatus turns any status into one sentence.
 */
import { JmapError, NetworkError, TimeoutError, retryPolicy } from '../jmap/index.ts';
import type { SyncStatus, SyncStatusKind } from './cache.ts';

/**
 * True for "the device has no room": IndexedDB's QuotaExceededError, which Dexie and
 * browsers often wrap (an AbortError whose `inner` or `cause` is the quota error).
 */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const named = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (named.name === 'QuotaExceededError') return true;
    e = named.inner ?? named.cause;
  }
  return false;
}

/**
 * What a failed sync means: which status to show and whether to try again by itself (the
 * shared retry policy's verdict for a sync cycle: everything but a refused sign-in).
 */
export function statusForError(error: unknown): { kind: SyncStatusKind; reason: string; retry: boolean } {
  if (isQuotaError(error)) {
    return {
      kind: 'error',
      reason: 'This device is out of storage space for mail: the oldest offline message bodies were removed to make room',
      retry: true,
    };
  }
  if (retryPolicy.decide(error, 0, 'syncCycle').action === 'reauthenticate') {
    return { kind: 'signInNeeded', reason: `${messageOf(error)}. Sign in again to keep your mail up to date.`, retry: false };
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return { kind: 'offline', reason: messageOf(error), retry: true };
  }
  return { kind: 'error', reason: messageOf(error), retry: true };
}

function messageOf(error: unknown): string {
  if (error instanceof JmapError) return error.message;
  if (error instanceof Error && error.message) return `Sync failed: ${error.message}`;
  return 'Sync failed for an unknown reason';
}

/** A time of day as the status words say it: "14:05". */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** One sentence for a status bar: "Up to date at 14:05", "Offline: ...", ... */
export function describeStatus(status: SyncStatus | undefined, now = Date.now()): string {
  if (!status) return 'Not synced yet';
  const retry =
    status.retryAt && status.retryAt > now ? ` Trying again in ${Math.max(1, Math.round((status.retryAt - now) / 1000))} s.` : '';
  const last = status.lastSyncedAt ? ` Last up to date at ${clock(status.lastSyncedAt)}.` : '';
  switch (status.kind) {
    case 'idle':
      return status.lastSyncedAt ? `Up to date at ${clock(status.lastSyncedAt)}` : 'Not synced yet';
    case 'syncing':
      return 'Syncing…';
    case 'upToDate':
      return `Up to date at ${clock(status.lastSyncedAt ?? status.at)}`;
    case 'offline':
      return `Offline: ${status.reason ?? 'the mail server cannot be reached'}.${last}${retry}`;
    case 'signInNeeded':
      return status.reason ?? 'Sign in again to keep your mail up to date.';
    case 'error':
      return `Sync problem: ${status.reason ?? 'unknown'}.${last}${retry}`;
  }
}
