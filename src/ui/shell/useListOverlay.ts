import { useEffect, useMemo, useState } from 'react';
import type { ThreadLine } from '../threads/line.ts';

type Marks = Partial<Pick<ThreadLine, 'unread' | 'flagged'>>;

/**
 * What a click changed, shown in the same frame over the live lines; the live query
 * catches up a few frames later (the intent's transaction, then the re-read), and these
 * entries then go.
 */
export function useListOverlay(liveLines: ThreadLine[] | undefined) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [patched, setPatched] = useState<ReadonlyMap<string, Marks>>(new Map());
  useEffect(() => {
    if (!liveLines) return;
    const present = new Set(liveLines.map((l) => l.threadId));
    setHidden((h) => (h.size ? new Set([...h].filter((id) => present.has(id))) : h));
    setPatched((p) => {
      if (!p.size) return p;
      const next = new Map(p);
      for (const l of liveLines) {
        const want = p.get(l.threadId);
        if (want && (want.unread === undefined || want.unread === l.unread) && (want.flagged === undefined || want.flagged === l.flagged))
          next.delete(l.threadId);
      }
      return next;
    });
  }, [liveLines]);
  const lines = useMemo(
    () =>
      liveLines?.filter((l) => !hidden.has(l.threadId)).map((l) => (patched.has(l.threadId) ? { ...l, ...patched.get(l.threadId) } : l)),
    [liveLines, hidden, patched],
  );
  const hide = (list: ThreadLine[]) => setHidden((h) => new Set([...h, ...list.map((l) => l.threadId)]));
  const patch = (list: ThreadLine[], change: Marks) =>
    setPatched((p) => new Map([...p, ...list.map((l) => [l.threadId, { ...p.get(l.threadId), ...change }] as const)]));
  return { lines, hide, patch };
}
