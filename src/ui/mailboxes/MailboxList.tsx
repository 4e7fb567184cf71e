import type { MailboxRecord } from '../../sync/index.ts';
import { renameMailbox } from '../data/actions.ts';
import { FolderMenu } from './FolderMenu.tsx';
import { useRenaming } from './useRenaming.ts';

const ROLE_ORDER = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

/** Roles first in their usual order, then every other folder as a tree by name. */
export function orderMailboxes(list: readonly MailboxRecord[]): { mailbox: MailboxRecord; depth: number }[] {
  const byRole = ROLE_ORDER.flatMap((role) => list.filter((m) => m.role === role && !m.parentId));
  const rest = list.filter((m) => !byRole.includes(m));
  const out = byRole.map((mailbox) => ({ mailbox, depth: 0 }));
  const known = new Set(list.map((m) => m.id));
  const walk = (parentId: string | null, depth: number) => {
    const children = rest
      .filter((m) => (m.parentId && known.has(m.parentId) ? m.parentId : null) === parentId)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
    for (const m of children) {
      out.push({ mailbox: m, depth });
      walk(m.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function MailboxList(props: {
  accountId: string;
  mailboxes: readonly MailboxRecord[];
  selected: string | undefined;
  onSelect(id: string): void;
}) {
  const { accountId, mailboxes, selected, onSelect } = props;
  const [renaming, setRenaming] = useRenaming(accountId, mailboxes);
  const ordered = orderMailboxes(mailboxes);
  const current = mailboxes.find((m) => m.id === selected);
  return (
    <nav aria-label="Folders" className="mailboxes">
      <ul>
        {ordered.map(({ mailbox: m, depth }) => (
          <li key={m.id} style={{ paddingInlineStart: `${depth * 0.9}rem` }}>
            {renaming?.id === m.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (renaming.text.trim()) void renameMailbox(accountId, m.id, renaming.text.trim());
                  setRenaming(null);
                }}
              >
                <input
                  name="name"
                  value={renaming.text}
                  onChange={(e) => setRenaming({ id: m.id, text: e.target.value })}
                  aria-label={`New name for ${m.name}`}
                  autoFocus
                  onBlur={(e) => {
                    // Leaving the field ends the rename; the field being replaced (its
                    // folder got the server's id) does not: the new field takes focus.
                    const field = e.currentTarget;
                    setTimeout(() => field.isConnected && document.activeElement !== field && setRenaming(null));
                  }}
                />
              </form>
            ) : (
              <button
                type="button"
                className={m.id === selected ? 'mailbox current' : 'mailbox'}
                data-role={m.role ?? undefined}
                aria-current={m.id === selected ? 'page' : undefined}
                onClick={() => onSelect(m.id)}
              >
                <span className="mailbox-name">{m.role === 'junk' && !/junk|spam/i.test(m.name) ? `${m.name} (Junk)` : m.name}</span>
                {m.unreadEmails > 0 && (
                  <span className="count" aria-label={`${m.unreadEmails} unread`}>
                    {m.unreadEmails}
                  </span>
                )}
              </button>
            )}
          </li>
        ))}
      </ul>
      <FolderMenu
        accountId={accountId}
        mailboxes={mailboxes}
        current={current}
        onRename={(id) => setRenaming({ id, text: mailboxes.find((m) => m.id === id)?.name ?? '' })}
      />
    </nav>
  );
}
