import { Suspense } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import { BulkBar, FolderActions, LocalDrafts, MailboxList } from './parts.ts';
import type { Triage } from './useTriage.ts';

/** The folders and the drafts on this device: both with the chrome, the frame after the first rows. */
export function NavPane(props: {
  accountId: string;
  painted: boolean;
  mailboxes: MailboxRecord[] | undefined;
  current: string | undefined;
  onSelect(id: string): void;
}) {
  const { accountId, painted, mailboxes } = props;
  return (
    <div className="nav-pane">
      {painted && mailboxes && (
        <Suspense fallback={null}>
          <MailboxList.Lazy accountId={accountId} mailboxes={mailboxes} selected={props.current} onSelect={props.onSelect} />
        </Suspense>
      )}
      {painted && (
        <Suspense fallback={null}>
          <LocalDrafts.Lazy accountId={accountId} />
        </Suspense>
      )}
    </div>
  );
}

/** Above the list: what the folder offers (Empty Trash) and the selection's toolbar. */
export function ListTools(props: {
  painted: boolean;
  folderActions: boolean;
  selected: number;
  mailboxes: MailboxRecord[] | undefined;
  current: string | undefined;
  triage: Triage;
  onClear(): void;
}) {
  const { painted, mailboxes, current, triage } = props;
  // The loaded component once there: React.lazy suspends on every first mount, and "v"
  // focuses its Move to in the next frame (the toolbar appears with the key).
  const BulkBarView = BulkBar.loaded() ?? BulkBar.Lazy;
  return (
    <>
      {painted && props.folderActions && (
        <Suspense fallback={null}>
          <FolderActions.Lazy mailboxes={mailboxes} current={current} onEmptyTrash={() => triage.emptyTrash()} />
        </Suspense>
      )}
      {props.selected > 0 && (
        <Suspense fallback={null}>
          <BulkBarView count={props.selected} mailboxes={mailboxes} current={current} triage={triage} onClear={props.onClear} />
        </Suspense>
      )}
    </>
  );
}
