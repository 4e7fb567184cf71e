import { Archive, Mail, MailOpen, Star, Trash2 } from 'lucide-react';
import type { MailboxRecord } from '../../sync/index.ts';
import { IconButton } from '../shell/IconButton.tsx';
import { offeredIn } from '../shell/offered.ts';
import type { Triage } from '../shell/useTriage.ts';
import type { ThreadLine } from './line.ts';
import type { RowSlot } from './rows.tsx';

interface RowActionsProps {
  line: ThreadLine;
  slot: RowSlot;
  mailboxes: readonly MailboxRecord[] | undefined;
  current: string | undefined;
  triage: Triage;
}

/**
 * The actions a row shows while the pointer is over it or focus is in it (a desktop
 * pointer; app.css hides them on touch, where a swipe does it). Drawn over the row's
 * right end, outside its listitem, so the row's own markup and height never change.
 * Comes with the chrome (chrome.ts): no icon on the start path. Each goes through the
 * shell's triage (useTriage), so it has the toolbar's toast and Undo.
 */
export function RowActions({ line, slot, mailboxes, current, triage }: RowActionsProps) {
  const offered = offeredIn(mailboxes, current);
  const list = [line];
  return (
    <div
      className="row-actions"
      role="toolbar"
      aria-label={`Actions for “${line.subject}”`}
      style={{ transform: `translateY(${slot.start}px)`, height: slot.size - 2 }}
    >
      {offered.archive && <IconButton icon={Archive} label="Archive" shortcut="e" onClick={() => triage.archive(list)} />}
      <IconButton
        icon={Trash2}
        label={offered.deleteForGood ? 'Delete for good' : 'Delete'}
        shortcut="#"
        onClick={() => triage.trash(list)}
      />
      {line.unread ? (
        <IconButton icon={MailOpen} label="Mark read" shortcut="I" onClick={() => triage.markRead(true, list)} />
      ) : (
        <IconButton icon={Mail} label="Mark unread" shortcut="U" onClick={() => triage.markRead(false, list)} />
      )}
      <IconButton
        icon={Star}
        label={line.flagged ? 'Unstar' : 'Star'}
        shortcut="s"
        onClick={() => triage.star(list)}
        aria-pressed={line.flagged}
      />
    </div>
  );
}
