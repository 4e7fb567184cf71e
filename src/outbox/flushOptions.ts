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
  /**
   * Whether this device has a network now (default: `navigator.onLine`, which browsers set
   * false only when there is none). A request sent while offline never reached the server,
   * so its failure needs no check of what it did (unanswered.ts).
   */
  online?: () => boolean;
}

/** Whether a request sent now can reach the server at all (see FlusherOptions.online). */
export function mayReachServer(options: FlusherOptions): boolean {
  if (options.online) return options.online();
  return (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine !== false;
}
