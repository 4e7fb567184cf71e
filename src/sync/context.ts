/** What every sync step gets: the server, the cache, the account, limits and options. */
import type { JmapClient } from '../jmap/index.ts';
import type { SyncCache } from './cache.ts';

/** The part of JmapClient the engine uses (structural, so the host can wrap it). */
export type SyncClient = Pick<JmapClient, 'batch' | 'limits' | 'events' | 'refreshSession' | 'accountId' | 'download'>;

export interface SyncOptions {
  /** Threads in the account-wide first page (request 1 of a new account: see inboxPage.ts). */
  firstPageSize: number;
  /** Threads in the cached Inbox page (request 2 of a new account). */
  inboxPageSize: number;
  /** Emails per first-sync chunk (capped by maxObjectsInGet). */
  chunkSize: number;
  /** Bodies are kept for mail received in the last N days of these roles' mailboxes. */
  offlineWindowDays: number;
  offlineRoles: string[];
  /** Storage budget for bodies, in bytes (approximate); lowered for the run when storage runs out. */
  bodyBudgetBytes: number;
  /**
   * The person's offline choice, read at every body pass (so a change applies within one
   * sync cycle, without a restart). Without it: offlineRoles, offlineWindowDays and
   * bodyBudgetBytes as given.
   */
  scope?: () => Promise<OfflineScope>;
  /** Emails per body request (Apache James allows only 5 with body properties). */
  bodyChunkSize: number;
  /** maxChanges for /changes; capped by maxObjectsInGet so one /get fits. */
  maxChanges: number;
  /** Safety net against a server that never stops reporting more changes. */
  maxRounds: number;
}

/** Whose text is kept offline: every folder but `leftOut`, received in the last `windowDays` (null: all). */
export interface OfflineScope {
  leftOut: string[];
  windowDays: number | null;
  /** At most this many bytes of bodies (the smaller of this and the run's bodyBudgetBytes counts). */
  budgetBytes: number;
  /**
   * Attachments kept offline by themselves (attachments.ts): each at most this many bytes
   * (null: any size; absent: DEFAULT_ATTACHMENT_CHOICE), of mail received in the last
   * `attachmentWindowDays` (null: all mail), within `budgetBytes` together with the text.
   */
  attachmentMaxBytes?: number | null;
  attachmentWindowDays?: number | null;
  /** At most this many bytes of attachments in all (the room the person gave opened attachments). */
  attachmentBudgetBytes?: number;
}

/** Attachments up to 5 MB of the last 30 days: what is kept offline unless the person chose otherwise. */
export const DEFAULT_ATTACHMENT_CHOICE = { maxBytes: 5 * 1024 * 1024, windowDays: 30 } as const;

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  firstPageSize: 100,
  inboxPageSize: 50,
  chunkSize: 400,
  offlineWindowDays: 30,
  offlineRoles: ['inbox', 'sent'],
  bodyBudgetBytes: 50 * 1024 * 1024,
  bodyChunkSize: 10,
  maxChanges: 4096,
  maxRounds: 200,
};

export interface StepContext {
  client: SyncClient;
  cache: SyncCache;
  accountId: string;
  signal: AbortSignal;
  options: SyncOptions;
  now: () => number;
}

/** Throws the signal's reason when the engine was stopped: checked between steps. */
export function checkStopped(ctx: StepContext): void {
  if (ctx.signal.aborted) throw new StoppedError();
}

/** The engine was stopped; not a failure to show anyone. */
export class StoppedError extends Error {
  constructor() {
    super('Sync was stopped');
    this.name = 'StoppedError';
  }
}
