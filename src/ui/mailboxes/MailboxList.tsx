import { useState } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import { createMailbox, deleteMailbox, moveMailbox, renameMailbox } from '../data/actions.ts';

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

/** A folder and every folder under it (a folder cannot move into its own subtree). */
export function descendants(list: readonly MailboxRecord[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of list) {
      if (m.parentId && out.has(m.parentId) && !out.has(m.id)) {
        out.add(m.id);
        grew = true;
      }
    }
  }
  return out;
}

export function MailboxList(props: {
  accountId: string;
  mailboxes: readonly MailboxRecord[];
  selected: string | undefined;
  onSelect(id: string): void;
}) {
  const { accountId, mailboxes, selected, onSelect } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const ordered = orderMailboxes(mailboxes);
  const current = mailboxes.find((m) => m.id === selected);
  return (
    <nav aria-label="Folders" className="mailboxes">
      <ul>
        {ordered.map(({ mailbox: m, depth }) => (
          <li key={m.id} style={{ paddingInlineStart: `${depth * 0.9}rem` }}>
            {editing === m.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  const name = new FormData(e.currentTarget).get('name');
                  if (typeof name === 'string' && name.trim()) void renameMailbox(accountId, m.id, name.trim());
                  setEditing(null);
                }}
              >
                <input name="name" defaultValue={m.name} aria-label={`New name for ${m.name}`} autoFocus onBlur={() => setEditing(null)} />
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
      <div className="mailbox-tools">
        <button
          type="button"
          onClick={() => {
            const name = prompt('Name of the new folder');
            if (name?.trim()) void createMailbox(accountId, name.trim(), null);
          }}
        >
          New folder
        </button>
        {current && (
          <button
            type="button"
            onClick={() => {
              const name = prompt(`Name of the new folder inside “${current.name}”`);
              if (name?.trim()) void createMailbox(accountId, name.trim(), current.id);
            }}
          >
            New folder inside
          </button>
        )}
        {current && !current.role && (
          <>
            <button type="button" onClick={() => setEditing(current.id)}>
              Rename
            </button>
            <label className="move-folder">
              Move into
              <select value={current.parentId ?? ''} onChange={(e) => void moveMailbox(accountId, current.id, e.target.value || null)}>
                <option value="">(top level)</option>
                {mailboxes
                  .filter((m) => !descendants(mailboxes, current.id).has(m.id))
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </select>
            </label>
            <button
              type="button"
              onClick={() => {
                // The outbox destroys with onDestroyRemoveEmails: false; a server refuses a
                // folder that still has mail or subfolders, so say it here, before queuing.
                if (current.totalEmails > 0)
                  return alert(
                    `“${current.name}” still holds ${current.totalEmails} message${current.totalEmails === 1 ? '' : 's'}. Move or delete them first.`,
                  );
                if (mailboxes.some((m) => m.parentId === current.id))
                  return alert(`“${current.name}” has folders inside it. Move or delete them first.`);
                if (confirm(`Delete the empty folder “${current.name}”?`)) void deleteMailbox(accountId, current.id);
              }}
            >
              Delete folder
            </button>
          </>
        )}
      </div>
    </nav>
  );
}
