import { useCallback, useEffect, useRef, useState } from 'react';
import { mailDb } from '../data/db.ts';
import { startRead } from '../data/startRead.ts';
import { ThreadPages, firstPageState, type PageRow, type ThreadPagesState } from './threadPages.ts';

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
  useEffect(() => {
    if (!mailboxId) {
      setState({ lines: [], atEnd: true });
      return;
    }
    const p = new ThreadPages(mailDb(), accountId, mailboxId, setState, firstPage(accountId, mailboxId));
    setState(p.current);
    pages.current = p;
    return () => {
      p.close();
      if (pages.current === p) pages.current = null;
    };
  }, [accountId, mailboxId]);
  const more = useCallback(() => pages.current?.grow(), []);
  return { ...state, more };
}
