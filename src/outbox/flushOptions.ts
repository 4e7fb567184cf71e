/** What a flusher is given (createFlusher); the passes read the client, db and account from it. */
import type { JmapClient, RetryPolicy } from '../jmap/index.ts';
import type { MailDb } from '../store/index.ts';
import type { FlushLock } from './lock.ts';

export interface FlusherOptions {
  client: JmapClient;
  db: MailDb;
  accountId: string;
  /** Runs a sync cycle and resolves when it is written (the host's engine.syncNow). */
  onNeedSync: () => Promise<unknown>;
  lock?: FlushLock;
  now?: () => number;
  /** When a failed request is tried again. Default: src/jmap's shared retryPolicy. */
  retry?: RetryPolicy;
  /**
   * The server refused the credentials: the items wait (none dropped, none failed) until
   * a flusher made after a new sign-in, or an urgent wake, takes them up. The host stops
   * the account's loops and says "sign in again".
   */
  onSignInNeeded?: (error: unknown) => void;
}
