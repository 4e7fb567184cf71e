import { useEffect, useMemo, useState } from 'react';
import type { ThreadLine } from '../threads/line.ts';

/** Where the person is in the list: the cursor, the open conversation, the selection. */
export function useListView(lines: ThreadLine[] | undefined) {
  const [cursor, setCursor] = useState(0);
  // The cursor stays where it was when its line goes (archive): on the next one, or on the
  // new last line when the last one went.
  const lineCount = lines?.length ?? 0;
  useEffect(() => {
    if (lineCount > 0 && cursor >= lineCount) setCursor(lineCount - 1);
  }, [cursor, lineCount]);
  const [openThread, setOpenThread] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setSelected((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));
  /** What an action applies to: the selection, else the open conversation, else the cursor's line. */
  const targets = useMemo((): ThreadLine[] => {
    if (!lines) return [];
    if (selected.size) return lines.filter((l) => selected.has(l.threadId));
    const open = lines.find((l) => l.threadId === openThread);
    if (open) return [open];
    const at = lines[cursor];
    return at ? [at] : [];
  }, [lines, selected, openThread, cursor]);
  const reset = () => {
    setCursor(0);
    setOpenThread(null);
    setSelected(new Set());
  };
  return { cursor, setCursor, openThread, setOpenThread, selected, setSelected, toggle, targets, reset };
}

export type ListView = ReturnType<typeof useListView>;
