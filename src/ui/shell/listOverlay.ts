import type { ThreadLine } from '../threads/line.ts';

export type Marks = Partial<Pick<ThreadLine, 'unread' | 'flagged'>>;

/** Threads whose intent is written, with the live lines of that moment: any later lines settle them. */
export interface Settling {
  ids: string[];
  lines: ThreadLine[] | undefined;
}

export interface OverlayState {
  hidden: ReadonlySet<string>;
  patched: ReadonlyMap<string, Marks>;
  settling: readonly Settling[];
}

/**
 * New live lines over the click overlay (pure): a hidden line goes from the overlay when
 * it left the live lines or its intent was written before these lines were read; a marked
 * line when the live lines agree or, the same way, once its intent was written. So a line
 * never stays hidden or marked when the action changed nothing, was refused or undone.
 */
export function settle(state: OverlayState, live: ThreadLine[]): OverlayState {
  const present = new Set(live.map((l) => l.threadId));
  const done = new Set(state.settling.filter((s) => s.lines !== live).flatMap((s) => s.ids));
  const settling = state.settling.filter((s) => s.lines === live);
  const hidden = state.hidden.size ? new Set([...state.hidden].filter((id) => present.has(id) && !done.has(id))) : state.hidden;
  let patched = state.patched;
  if (patched.size) {
    const next = new Map(patched);
    for (const id of done) next.delete(id);
    for (const l of live) {
      const want = patched.get(l.threadId);
      if (want && (want.unread === undefined || want.unread === l.unread) && (want.flagged === undefined || want.flagged === l.flagged))
        next.delete(l.threadId);
    }
    patched = next;
  }
  return { hidden, patched, settling };
}

/**
 * The intent for these threads was not written (a full disk, any write error): their
 * lines show the real state again at once (no live read will come to settle them).
 */
export function forget(state: OverlayState, threadIds: readonly string[]): OverlayState {
  const ids = new Set(threadIds);
  return {
    hidden: new Set([...state.hidden].filter((id) => !ids.has(id))),
    patched: new Map([...state.patched].filter(([id]) => !ids.has(id))),
    settling: state.settling.map((s) => ({ ...s, ids: s.ids.filter((id) => !ids.has(id)) })).filter((s) => s.ids.length),
  };
}
