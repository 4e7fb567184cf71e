import type { MailboxRecord } from '../../sync/index.ts';
import { offeredIn } from './offered.ts';

/** What the folder itself offers above its list: Empty Trash in Trash (comes with the chrome). */
export function FolderActions({
  mailboxes,
  current,
  onEmptyTrash,
}: {
  mailboxes: readonly MailboxRecord[] | undefined;
  current: string | undefined;
  onEmptyTrash(): void;
}) {
  if (!offeredIn(mailboxes, current).emptyTrash) return null;
  return (
    <div className="folder-actions">
      <button type="button" onClick={onEmptyTrash}>
        Empty Trash
      </button>
    </div>
  );
}
