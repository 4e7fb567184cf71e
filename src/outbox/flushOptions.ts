/** What a flusher is given (createFlusher); the passes read the client, db and account from it. */
import type { JmapClient } from '../jmap/index.ts';
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
}
