import type { MailboxRecord } from '../../sync/index.ts';
import { MoveTo } from '../threads/MoveTo.tsx';
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
      {offered.archive && (
        <button type="button" onClick={() => triage.archive()}>
          Archive
        </button>
      )}
      <button type="button" onClick={() => triage.trash()}>
        {offered.deleteForGood ? 'Delete for good' : 'Delete'}
      </button>
      {offered.reportSpam && (
        <button type="button" onClick={() => triage.spam()}>
          Report spam
        </button>
      )}
      {offered.notSpam && (
        <button type="button" onClick={() => triage.spam()}>
          Not spam
        </button>
      )}
      <button type="button" onClick={() => triage.markRead(true)}>
        Mark read
      </button>
      <button type="button" onClick={() => triage.markRead(false)}>
        Mark unread
      </button>
      <button type="button" onClick={() => triage.star()}>
        Star
      </button>
      {mailboxes && <MoveTo id="move-to-list" mailboxes={mailboxes} currentMailboxId={current} onMove={(to) => triage.moveToFolder(to)} />}
      <button type="button" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
