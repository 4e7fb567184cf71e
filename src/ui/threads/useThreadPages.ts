import { useCallback, useEffect, useRef, useState } from 'react';
import { mailDb } from '../data/db.ts';
import { ThreadPages, type ThreadPagesState } from './threadPages.ts';

/** A folder's conversations, live, one keyset page at a time; `more()` reads the next page. */
export function useThreadPages(accountId: string, mailboxId: string | undefined): ThreadPagesState & { more(): void } {
  const [state, setState] = useState<ThreadPagesState>({ lines: undefined, atEnd: false });
  const pages = useRef<ThreadPages | null>(null);
  useEffect(() => {
    if (!mailboxId) {
      setState({ lines: [], atEnd: true });
      return;
    }
    setState({ lines: undefined, atEnd: false });
    const p = new ThreadPages(mailDb(), accountId, mailboxId, setState);
    pages.current = p;
    return () => {
      p.close();
      if (pages.current === p) pages.current = null;
    };
  }, [accountId, mailboxId]);
  const more = useCallback(() => pages.current?.grow(), []);
  return { ...state, more };
}
