import type { MailboxRecord } from '../../sync/index.ts';
import { openCompose } from '../compose/store.ts';
import type { ThreadLine } from '../threads/line.ts';
import { roleOf } from './offered.ts';
import { useKeyboard, type KeyAction } from './useKeyboard.ts';
import type { ListView } from './useListView.ts';
import type { Triage } from './useTriage.ts';

interface ShellKeys {
  lines: ThreadLine[] | undefined;
  mailboxes: readonly MailboxRecord[] | undefined;
  view: ListView;
  triage: Triage;
  selectMailbox(id: string): void;
  toggleHelp(): void;
  /** Opens a line: its conversation, or the composer for a draft. */
  open(line: ThreadLine): void;
}

/** What each Gmail-style key (useKeyboard) does in the shell. */
export function useShellKeys({ lines, mailboxes, view, triage, selectMailbox, toggleHelp, open }: ShellKeys) {
  const { cursor, setCursor, openThread, setOpenThread, selected, setSelected } = view;
  useKeyboard((action: KeyAction) => {
    const count = lines?.length ?? 0;
    switch (action) {
      case 'next':
        return setCursor((c) => Math.min(count - 1, c + 1));
      case 'previous':
        return setCursor((c) => Math.max(0, c - 1));
      case 'open': {
        const line = lines?.[cursor];
        if (line) open(line);
        return;
      }
      case 'back':
        return setOpenThread(null);
      case 'archive':
        return triage.archive();
      case 'trash':
        return triage.trash();
      case 'star':
        return triage.star();
      case 'spam':
        return triage.spam();
      case 'undo':
        return triage.undoLast();
      case 'markRead':
        return triage.markRead(true);
      case 'markUnread':
        return triage.markRead(false);
      case 'select': {
        const line = lines?.[cursor];
        if (line) view.toggle(line.threadId);
        return;
      }
      case 'goInbox': {
        const inbox = roleOf(mailboxes, 'inbox');
        if (inbox) selectMailbox(inbox);
        return;
      }
      case 'help':
        return toggleHelp();
      case 'moveTo': {
        // The list's "Move to" is on the selection toolbar: select the cursor's row first.
        const line = lines?.[cursor];
        if (!openThread && selected.size === 0 && line) setSelected(new Set([line.threadId]));
        requestAnimationFrame(() => document.getElementById(openThread ? 'move-to-conversation' : 'move-to-list')?.focus());
        return;
      }
      case 'search':
        return document.getElementById('search')?.focus();
      case 'compose':
        return openCompose({ mode: 'new' });
      case 'reply':
      case 'replyAll':
      case 'forward': {
        const line = lines?.find((l) => l.threadId === openThread) ?? lines?.[cursor];
        if (line) openCompose({ mode: action, emailId: line.emailId });
        return;
      }
    }
  });
}
