/** RFC 8621 §3: Thread. */
import type { Id } from './core.ts';

export interface Thread {
  id: Id;
  /** Sorted by receivedAt, oldest first (RFC 8621 §3). */
  emailIds: Id[];
}
