import { useCallback, useEffect, useRef, useState } from 'react';
import { whenPainted } from '../data/afterPaint.ts';
import { loadMirror } from '../data/loadMirror.ts';
import { startRead } from '../data/startRead.ts';
import type { ThreadPages } from './threadPages.ts';
import { firstPageState, type PageRow, type ThreadPagesState } from './pageState.ts';

/** Page 0 of this folder from the start path's read (data/startRead.ts), if that is what it read. */
function firstPage(accountId: string, mailboxId: string | undefined): PageRow[] | undefined {
  const start = startRead();
  return start && mailboxId && start.mailboxId === mailboxId && start.accounts[0]?.id === accountId ? start.rows : undefined;
}

/** A folder's conversations, live, one keyset page at a time; `more()` reads the next page. */
export function useThreadPages(accountId: string, mailboxId: string | undefined): ThreadPagesState & { more(): void } {
  const [state, setState] = useState<ThreadPagesState>(() => {
    const first = firstPage(accountId, mailboxId);
    return first ? firstPageState(first) : { lines: undefined, atEnd: false };
  });
  const pages = useRef<ThreadPages | null>(null);
  // A `more()` asked before the live pages exist (the list flung to its end while Dexie
  // still loads) is kept and done when they do: the list asks again only when its rows
  // change, so a dropped ask left a 100,000-conversation list stuck at its first page
  // (the UI bench's scroll, which begins as soon as the first rows are painted).
  const wanted = useRef(false);
  useEffect(() => {
    wanted.current = false;
    if (!mailboxId) {
      setState({ lines: [], atEnd: true });
      return;
    }
    // The live pages come with Dexie (the mirror module). A first page from the start read
    // is on screen already: the module loads after that frame is painted, and the page
    // stays until the live pages answer.
    let closed = false;
    let p: ThreadPages | null = null;
    const first = firstPage(accountId, mailboxId);
    const start = () =>
      void loadMirror().then((m) => {
        if (closed) return;
        p = new m.ThreadPages(m.mailDb(), accountId, mailboxId, setState, first);
        setState(p.current);
        pages.current = p;
        if (wanted.current) {
          wanted.current = false;
          p.grow();
        }
      });
    const cancel = first ? whenPainted(start) : (start(), () => {});
    return () => {
      closed = true;
      cancel();
      p?.close();
      if (pages.current === p) pages.current = null;
    };
  }, [accountId, mailboxId]);
  const more = useCallback(() => {
    if (pages.current) pages.current.grow();
    else wanted.current = true;
  }, []);
  return { ...state, more };
}
