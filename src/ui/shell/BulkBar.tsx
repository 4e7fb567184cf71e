import { Archive, Mail, MailOpen, ShieldAlert, ShieldCheck, Star, Trash2, X } from 'lucide-react';
import type { MailboxRecord } from '../../sync/index.ts';
import { MoveTo } from '../threads/MoveTo.tsx';
import { IconButton } from './IconButton.tsx';
import { offeredIn } from './offered.ts';
import type { Triage } from './useTriage.ts';

interface BulkBarProps {
  count: number;
  mailboxes: MailboxRecord[] | undefined;
  current: string | undefined;
  triage: Triage;
  onClear(): void;
}

/** The actions on the selected conversations (chrome.ts: it comes with the chrome, the frame after the first rows). */
export function BulkBar({ count, mailboxes, current, triage, onClear }: BulkBarProps) {
  const offered = offeredIn(mailboxes, current);
  return (
    <div className="bulk" role="toolbar" aria-label="Selected conversations">
      <span>{count} selected</span>
      {offered.archive && <IconButton icon={Archive} label="Archive" shortcut="e" onClick={() => triage.archive()} />}
      <IconButton icon={Trash2} label={offered.deleteForGood ? 'Delete for good' : 'Delete'} shortcut="#" onClick={() => triage.trash()} />
      {offered.reportSpam && <IconButton icon={ShieldAlert} label="Report spam" shortcut="!" onClick={() => triage.spam()} />}
      {offered.notSpam && <IconButton icon={ShieldCheck} label="Not spam" shortcut="!" onClick={() => triage.spam()} />}
      <IconButton icon={MailOpen} label="Mark read" shortcut="I" onClick={() => triage.markRead(true)} />
      <IconButton icon={Mail} label="Mark unread" shortcut="U" onClick={() => triage.markRead(false)} />
      <IconButton icon={Star} label="Star" shortcut="s" onClick={() => triage.star()} />
      {mailboxes && <MoveTo id="move-to-list" mailboxes={mailboxes} currentMailboxId={current} onMove={(to) => triage.moveToFolder(to)} />}
      <IconButton icon={X} label="Clear" onClick={onClear} />
    </div>
  );
}
