/** RFC 8620 §7: push. */
import type { Id } from './core.ts';

/** RFC 8620 §7.1: accountId -> data type name -> new state string. */
export interface StateChange {
  '@type': 'StateChange';
  changed: Record<Id, Record<string, string>>;
  /** The SSE event id, when the server sends one; pass it back as lastEventId to resume. */
  eventId?: string;
}
