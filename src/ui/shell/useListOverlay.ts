import { useEffect, useMemo, useRef, useState } from 'react';
import type { ThreadLine } from '../threads/line.ts';
import { forget, settle, type Marks, type OverlayState } from './listOverlay.ts';

/**
 * What a click changed, shown in the same frame over the live lines; the live query
 * catches up a few frames later (the intent's transaction, then the re-read), and these
 * entries then go (listOverlay.ts settle): when the live lines agree, and in any case at
 * the first live lines read after the intent was written (`written`). A write that
 * failed takes them away at once (listOverlay.ts forget).
 */
export function useListOverlay(liveLines: ThreadLine[] | undefined) {
  const [state, setState] = useState<OverlayState>({ hidden: new Set(), patched: new Map(), settling: [] });
  const current = useRef(liveLines);
  current.current = liveLines;
  useEffect(() => {
    if (liveLines) setState((s) => settle(s, liveLines));
  }, [liveLines]);
  const { hidden, patched } = state;
  const lines = useMemo(
    () =>
      liveLines?.filter((l) => !hidden.has(l.threadId)).map((l) => (patched.has(l.threadId) ? { ...l, ...patched.get(l.threadId) } : l)),
    [liveLines, hidden, patched],
  );
  const settleAfter = (list: ThreadLine[], written: Promise<unknown>) => {
    const push = () => setState((s) => ({ ...s, settling: [...s.settling, { ids: list.map((l) => l.threadId), lines: current.current }] }));
    // Not written: nothing will change in the mirror, so the lines come back now.
    const back = () =>
      setState((s) =>
        forget(
          s,
          list.map((l) => l.threadId),
        ),
      );
    void written.then(push, back);
  };
  const hide = (list: ThreadLine[], written: Promise<unknown>) => {
    setState((s) => ({ ...s, hidden: new Set([...s.hidden, ...list.map((l) => l.threadId)]) }));
    settleAfter(list, written);
  };
  const patch = (list: ThreadLine[], change: Marks, written: Promise<unknown>) => {
    setState((s) => ({
      ...s,
      patched: new Map([...s.patched, ...list.map((l) => [l.threadId, { ...s.patched.get(l.threadId), ...change }] as const)]),
    }));
    settleAfter(list, written);
  };
  /** Undo: the lines as they were before the action (`list` as it was then), at once. */
  const restore = (list: ThreadLine[], undone: Promise<unknown>) => {
    const ids = new Set(list.map((l) => l.threadId));
    setState((s) => ({
      ...s,
      hidden: new Set([...s.hidden].filter((id) => !ids.has(id))),
      patched: new Map([...s.patched, ...list.map((l) => [l.threadId, { unread: l.unread, flagged: l.flagged }] as const)]),
    }));
    settleAfter(list, undone);
  };
  return { lines, hide, patch, restore };
}

export type ListOverlay = ReturnType<typeof useListOverlay>;
