import { Archive, Forward, Mail, Paperclip, Printer, Reply, ReplyAll, ShieldAlert, ShieldCheck, Star, Trash2 } from 'lucide-react';
import type { MailboxRecord } from '../../sync/index.ts';
import { MoveTo } from '../threads/MoveTo.tsx';
import { offeredIn } from '../shell/offered.ts';
import { IconButton } from '../shell/IconButton.tsx';
import type { ConversationActions } from './Conversation.tsx';

interface ToolbarProps {
  actions: ConversationActions;
  mailboxes: readonly MailboxRecord[];
  currentMailboxId: string | undefined;
  /** The newest message: what Reply and Forward start from. */
  lastId: string;
  flagged: boolean;
  printing: boolean;
  print(): void;
}

/** What the open conversation offers in this folder (shell/offered.ts), each with its key. */
export function ConversationToolbar({ actions, mailboxes, currentMailboxId, lastId, flagged, printing, print }: ToolbarProps) {
  const offered = offeredIn(mailboxes, currentMailboxId);
  return (
    <div className="toolbar" role="toolbar" aria-label="Conversation actions">
      {offered.archive && <IconButton icon={Archive} label="Archive" shortcut="e" onClick={actions.archive} />}
      <IconButton icon={Trash2} label={offered.deleteForGood ? 'Delete for good' : 'Delete'} shortcut="#" onClick={actions.trash} />
      {offered.reportSpam && <IconButton icon={ShieldAlert} label="Report spam" shortcut="!" onClick={actions.spam} />}
      {offered.notSpam && <IconButton icon={ShieldCheck} label="Not spam" shortcut="!" onClick={actions.spam} />}
      <IconButton icon={Star} label={flagged ? 'Unstar' : 'Star'} shortcut="s" onClick={actions.toggleStar} aria-pressed={flagged} />
      <IconButton icon={Mail} label="Mark unread" shortcut="U" onClick={actions.markUnread} />
      <IconButton icon={Reply} label="Reply" shortcut="r" onClick={() => actions.reply('reply', lastId)} />
      <IconButton icon={ReplyAll} label="Reply all" shortcut="a" onClick={() => actions.reply('replyAll', lastId)} />
      <IconButton icon={Forward} label="Forward" shortcut="f" onClick={() => actions.reply('forward', lastId)} />
      <IconButton icon={Paperclip} label="Forward as attachment" onClick={() => actions.reply('forward', lastId, true)} />
      <IconButton
        icon={Printer}
        label={printing ? 'Preparing to print…' : 'Print'}
        shortcut="Ctrl+P"
        onClick={print}
        aria-keyshortcuts="Control+P Meta+P"
        disabled={printing}
      />
      <MoveTo id="move-to-conversation" mailboxes={mailboxes} currentMailboxId={currentMailboxId} onMove={actions.moveTo} />
    </div>
  );
}
