/**
 * The status bar's sentence, from what is true right now: the engine's stored status,
 * the browser's word on the network, whether the background worker answers, the outbox
 * and, during the first download, how many messages the mirror holds. Pure: the status
 * bar only gathers these and shows the result.
 */
import { clock, describeStatus } from '../../sync/status.ts';
import type { SyncProgress, SyncStatus } from '../../sync/cache.ts';

/** How long "Checking for new mail…" may stand for a stored status older than the network's return. */
export const CHECKING_MS = 30_000;

export interface StatusFacts {
  /** The engine's (or the host's) stored status row. */
  status: SyncStatus | undefined;
  /** The listing's progress row (first sync, or a resync as a new generation). */
  progress: SyncProgress | undefined;
  /** Messages of the account in the mirror now (counted while the listing runs). */
  mirrored: number | undefined;
  /** navigator.onLine, updated by the `online`/`offline` events. */
  online: boolean;
  /** When this page last saw the network come back (`online`), if it did. */
  backOnlineAt: number | null;
  /** False once a heartbeat (or another call) to the background worker failed or timed out. */
  workerAnswers: boolean;
  /** Outbox items that will still go by themselves (failed ones wait for the person). */
  waiting: number;
  now: number;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "2 changes wait to go." and "Last up to date at 14:05.", for the words that say nothing syncs now. */
function kept(facts: StatusFacts): string {
  const waiting = facts.waiting ? ` ${count(facts.waiting, 'change waits', 'changes wait')} to go.` : '';
  const last = facts.status?.lastSyncedAt ? ` Last up to date at ${clock(facts.status.lastSyncedAt)}.` : '';
  return `${waiting}${last}`;
}

/** Never synced, or the account's first listing runs (a resync re-checks a full mirror). */
function firstDownload(progress: SyncProgress | undefined): boolean {
  return !progress || (progress.listing.state !== 'done' && progress.gen === 1);
}

/** "1,234 of 2,000 messages" from the mirror's own count; null until it holds one. */
function onDevice(facts: StatusFacts): string | null {
  const { mirrored, progress } = facts;
  if (!mirrored) return null;
  const total = progress?.listing.total;
  return total && total >= mirrored
    ? `${mirrored.toLocaleString()} of ${count(total, 'message', 'messages')}`
    : count(mirrored, 'message', 'messages');
}

export function statusWords(facts: StatusFacts): string {
  const { status, progress, now } = facts;
  if (!facts.online) return `Offline: what you do is kept on this device and sent when you are back online.${kept(facts)}`;
  if (!facts.workerAnswers) {
    return `Not syncing: the background worker does not answer (reload the page if this lasts). What you do is kept on this device.${kept(facts)}`;
  }
  const back = facts.backOnlineAt;
  if (back !== null && now - back < CHECKING_MS && (!status || status.at < back)) return 'Checking for new mail…';
  if (status?.kind === 'syncing') {
    if (firstDownload(progress)) {
      const got = onDevice(facts);
      return got ? `Fetching your mail: ${got} on this device.` : 'Fetching your mail…';
    }
    if (progress && progress.listing.state !== 'done') {
      const { position, total } = progress.listing;
      return position && total
        ? `Checking all your mail with the server: ${position.toLocaleString()} of ${total.toLocaleString()}.`
        : 'Checking all your mail with the server…';
    }
    const bodies = progress?.bodies;
    if (bodies?.state === 'running' && bodies.total > bodies.done) {
      return `Keeping message text for reading offline: ${bodies.done.toLocaleString()} of ${bodies.total.toLocaleString()}.`;
    }
    return 'Checking for new mail…';
  }
  const said = describeStatus(status, now);
  const got = firstDownload(progress) ? onDevice(facts) : null;
  return got ? `${said} ${got} on this device so far.` : said;
}
