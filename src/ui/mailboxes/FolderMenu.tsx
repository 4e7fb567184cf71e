import { FolderPlus, Settings2 } from 'lucide-react';
import { useState } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import { createMailbox, deleteMailbox, moveMailbox } from '../data/actions.ts';

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

/**
 * The folder list's own menu: new folder (at the top or inside the one shown), and for a
 * folder of the person's own, rename, move into and delete. Folded behind one button so
 * the folder list stays a list.
 */
export function FolderMenu(props: {
  accountId: string;
  mailboxes: readonly MailboxRecord[];
  current: MailboxRecord | undefined;
  onRename(id: string): void;
}) {
  const { accountId, mailboxes, current, onRename } = props;
  const [open, setOpen] = useState(false);
  return (
    <div className="folder-menu">
      <button type="button" className="icon-button" aria-expanded={open} aria-controls="folder-tools" onClick={() => setOpen((v) => !v)}>
        <Settings2 aria-hidden="true" focusable="false" size={16} />
        <span>Folder menu</span>
      </button>
      {open && (
        <div id="folder-tools" className="mailbox-tools">
          <button
            type="button"
            onClick={() => {
              const name = prompt('Name of the new folder');
              if (name?.trim()) void createMailbox(accountId, name.trim(), null);
            }}
          >
            <FolderPlus aria-hidden="true" focusable="false" size={16} /> New folder
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
              <button type="button" onClick={() => onRename(current.id)}>
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
      )}
    </div>
  );
}
