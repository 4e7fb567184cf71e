import type { MailboxRecord } from '../../sync/index.ts';
import { orderMailboxes } from '../mailboxes/MailboxList.tsx';

/**
 * "Move to" a folder: a native select, so it works by keyboard, with screen readers and on
 * phones without extra code. Choosing a folder moves at once (an intent); the select
 * then shows its label again.
 */
export function MoveTo(props: {
  mailboxes: readonly MailboxRecord[];
  currentMailboxId: string | undefined;
  onMove(mailboxId: string): void;
  id?: string;
}) {
  const choices = orderMailboxes(props.mailboxes).filter(
    ({ mailbox }) => mailbox.id !== props.currentMailboxId && mailbox.myRights?.mayAddItems !== false,
  );
  return (
    <select
      id={props.id}
      className="move-to"
      aria-label="Move to folder"
      value=""
      onChange={(e) => {
        if (e.target.value) props.onMove(e.target.value);
      }}
    >
      <option value="">Move to…</option>
      {choices.map(({ mailbox, depth }) => (
        <option key={mailbox.id} value={mailbox.id}>
          {'\u00a0\u00a0'.repeat(depth)}
          {mailbox.name}
        </option>
      ))}
    </select>
  );
}
