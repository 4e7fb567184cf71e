/** What the page and the search worker (searchWorker.ts) say to each other. */
import type { DeviceSearchResult } from '../../store/index.ts';

export type ToSearchWorker =
  /** Bring the account's index level with the mirror (coalesced while a run is going). */
  | { kind: 'index'; dbName: string; accountId: string; mirrorSeen: string }
  | { kind: 'query'; id: number; dbName: string; accountId: string; text: string; limit: number };

export type FromSearchWorker =
  | { kind: 'result'; id: number; result: DeviceSearchResult }
  | { kind: 'failed'; id: number; message: string }
  /** A chunk was written (`done` false) or a run ended: results may have changed. */
  | { kind: 'indexed'; accountId: string; docs: number; done: boolean };
