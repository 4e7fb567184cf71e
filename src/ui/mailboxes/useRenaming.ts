import { useEffect, useState } from 'react';
import { serverIdOf } from '../../outbox/idAliases.ts';
import type { MailboxRecord } from '../../sync/index.ts';
import { mailDb } from '../data/db.ts';

/** The folder being renamed and the name typed so far. */
export interface Renaming {
  id: string;
  text: string;
}

/**
 * The rename in progress, kept across the moment a folder made on this device gets the
 * server's id: the row is then a new row (a new key), so the field is mounted again; the
 * id follows the alias and the typed text is state, not the old field's value. Seen in the
 * folders e2e on a loaded machine: Rename clicked on the local folder, the mirror swapped
 * it for the server's, and the field was gone before anything could be typed.
 */
export function useRenaming(accountId: string, mailboxes: readonly MailboxRecord[]) {
  const [renaming, setRenaming] = useState<Renaming | null>(null);
  const id = renaming?.id;
  const present = !id || mailboxes.some((m) => m.id === id);
  useEffect(() => {
    if (!id || present) return;
    let live = true;
    void serverIdOf(mailDb(), accountId, id).then((serverId) => {
      if (live) setRenaming((r) => (r?.id === id ? (serverId ? { ...r, id: serverId } : null) : r));
    });
    return () => {
      live = false;
    };
  }, [accountId, id, present]);
  return [renaming, setRenaming] as const;
}
