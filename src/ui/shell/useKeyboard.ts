import { useEffect, useRef } from 'react';

export type KeyAction =
  | 'next'
  | 'previous'
  | 'open'
  | 'back'
  | 'archive'
  | 'trash'
  | 'star'
  | 'markRead'
  | 'markUnread'
  | 'search'
  | 'goInbox'
  | 'help'
  | 'compose'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'select'
  | 'moveTo'
  | 'spam'
  | 'undo';

/** Gmail-style keys. Ignored while typing in a field; `g` then `i` goes to the Inbox. */
export function useKeyboard(onAction: (action: KeyAction) => void): void {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      if (t?.closest('dialog[open]') && e.key !== '?') return;
      const fire = (a: KeyAction) => {
        e.preventDefault();
        handler.current(a);
      };
      if (pendingG && Date.now() - pendingG < 1500) {
        pendingG = 0;
        if (e.key === 'i') return fire('goInbox');
      }
      switch (e.key) {
        case 'j':
          return fire('next');
        case 'k':
          return fire('previous');
        case 'o':
          return fire('open');
        case 'Enter':
          if (t?.tagName !== 'BUTTON' && t?.tagName !== 'A') fire('open');
          return;
        case 'u':
          return fire('back');
        case 'e':
          return fire('archive');
        case '#':
          return fire('trash');
        case 's':
          return fire('star');
        case 'x':
          return fire('select');
        case 'v':
          return fire('moveTo');
        case '!':
          return fire('spam');
        case 'z':
          return fire('undo');
        case 'I':
          return fire('markRead');
        case 'U':
          return fire('markUnread');
        case '/':
          return fire('search');
        case '?':
          return fire('help');
        case 'c':
          return fire('compose');
        case 'r':
          return fire('reply');
        case 'a':
          return fire('replyAll');
        case 'f':
          return fire('forward');
        case 'g':
          pendingG = Date.now();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
