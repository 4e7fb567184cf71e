/**
 * Email/queryChanges applied to a cached prefix of a query's results (RFC 8620 §5.6).
 *
 * The server's rule is: remove every id in `removed`, then insert each `added` item at its
 * index, in ascending index order. An id may be both removed and added (Cyrus does this
 * when a thread's position moves under collapseThreads): removing first makes that a move.
 *
 * The cache holds only a prefix of the results (positions 0..n-1). Removing keeps a
 * prefix a prefix (order is preserved); an insertion at an index up to the prefix's length
 * lands at its final place, and one beyond it belongs to the part not cached, so it is
 * dropped. The result is therefore always a correct prefix of the new results, possibly
 * shorter than before; the caller fetches more when it needs more.
 */
import type { Id } from '../jmap/wire/core.ts';

export function applyQueryChanges(ids: readonly Id[], removed: readonly Id[], added: readonly { id: Id; index: number }[]): Id[] {
  const gone = new Set(removed);
  // An id added without being reported removed must not appear twice: treat it as moved.
  for (const item of added) gone.add(item.id);
  const next = ids.filter((id) => !gone.has(id));
  const ordered = [...added].sort((a, b) => a.index - b.index);
  for (const item of ordered) {
    if (item.index < 0 || item.index > next.length) continue;
    next.splice(item.index, 0, item.id);
  }
  return next;
}
