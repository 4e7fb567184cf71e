import type { MailboxRecord } from '../../sync/index.ts';

export const roleOf = (mailboxes: readonly MailboxRecord[] | undefined, role: string) => mailboxes?.find((m) => m.role === role)?.id;

/**
 * Which triage actions change something in this folder (an action that would change
 * nothing is not offered): Archive outside Archive; Report spam outside Junk and Not spam
 * inside it, when the account has a Junk folder; Delete inside Trash and Junk deletes for
 * good (after a confirmation), elsewhere it moves to Trash.
 */
export function offeredIn(mailboxes: readonly MailboxRecord[] | undefined, current: string | undefined) {
  const role = mailboxes?.find((m) => m.id === current)?.role;
  const junk = roleOf(mailboxes, 'junk');
  return {
    archive: role !== 'archive' && !!roleOf(mailboxes, 'archive'),
    reportSpam: !!junk && role !== 'junk',
    notSpam: !!junk && role === 'junk',
    deleteForGood: role === 'trash' || role === 'junk',
    emptyTrash: role === 'trash',
  };
}
