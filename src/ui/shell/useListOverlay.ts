import { useEffect, useMemo, useRef, useState } from 'react';
import type { ThreadLine } from '../threads/line.ts';

type Marks = Partial<Pick<ThreadLine, 'unread' | 'flagged'>>;

/**
 * What a click changed, shown in the same frame over the live lines; the live query
 * catches up a few frames later (the intent's transaction, then the re-read), and these
 * entries then go: when the live lines agree, and in any case at the first live lines
 * read after the intent was written (`written`), so a line is never left hidden or
 * marked when the action changed nothing (Archive inside Archive), was refused or undone.
 */
export function useListOverlay(liveLines: ThreadLine[] | undefined) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [patched, setPatched] = useState<ReadonlyMap<string, Marks>>(new Map());
  // Threads whose intent is written, with the live lines of that moment: any later lines settle them.
  const settling = useRef<{ ids: string[]; lines: ThreadLine[] | undefined }[]>([]);
  const current = useRef(liveLines);
  current.current = liveLines;
  useEffect(() => {
    if (!liveLines) return;
    const present = new Set(liveLines.map((l) => l.threadId));
    const settled = new Set(settling.current.filter((s) => s.lines !== liveLines).flatMap((s) => s.ids));
    settling.current = settling.current.filter((s) => s.lines === liveLines);
    setHidden((h) => (h.size ? new Set([...h].filter((id) => present.has(id) && !settled.has(id))) : h));
    setPatched((p) => {
      if (!p.size) return p;
      const next = new Map(p);
      for (const id of settled) next.delete(id);
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
  const settleAfter = (list: ThreadLine[], written: Promise<unknown>) =>
    void written.finally(() => settling.current.push({ ids: list.map((l) => l.threadId), lines: current.current }));
  const hide = (list: ThreadLine[], written: Promise<unknown>) => {
    setHidden((h) => new Set([...h, ...list.map((l) => l.threadId)]));
    settleAfter(list, written);
  };
  const patch = (list: ThreadLine[], change: Marks, written: Promise<unknown>) => {
    setPatched((p) => new Map([...p, ...list.map((l) => [l.threadId, { ...p.get(l.threadId), ...change }] as const)]));
    settleAfter(list, written);
  };
  /** Undo: the lines as they were before the action (`list` as it was then), at once. */
  const restore = (list: ThreadLine[], undone: Promise<unknown>) => {
    const ids = new Set(list.map((l) => l.threadId));
    setHidden((h) => new Set([...h].filter((id) => !ids.has(id))));
    setPatched((p) => new Map([...p, ...list.map((l) => [l.threadId, { unread: l.unread, flagged: l.flagged }] as const)]));
    settleAfter(list, undone);
  };
  return { lines, hide, patch, restore };
}

export type ListOverlay = ReturnType<typeof useListOverlay>;
