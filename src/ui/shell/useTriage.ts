import { useState } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import type { ThreadLine } from '../threads/line.ts';
import { chrome } from './parts.ts';
import { roleOf } from './useFolder.ts';
import type { useListOverlay } from './useListOverlay.ts';
import type { ListView } from './useListView.ts';

interface TriageInput {
  accountId: string;
  mailboxes: readonly MailboxRecord[] | undefined;
  current: string | undefined;
  overlay: Pick<ReturnType<typeof useListOverlay>, 'hide' | 'patch'>;
  view: ListView;
}

const conversations = (n: number) => `${n} conversation${n === 1 ? '' : 's'}`;

/**
 * What the triage buttons and keys do: the rows change in the same frame (the list
 * overlay), the intent is written when the actions module is in (chrome.ts).
 */
export function useTriage({ accountId, mailboxes, current, overlay, view }: TriageInput) {
  const [notice, setNotice] = useState<string | null>(null);
  const { hide, patch } = overlay;
  const ids = (list: ThreadLine[]) => list.flatMap((l) => l.emailIds);
  const afterRemoval = () => {
    view.setSelected(new Set());
    if (view.openThread) view.setOpenThread(null);
  };
  const move = (list: ThreadLine[], to: string, said: string) => {
    hide(list);
    void chrome().then((a) => a.moveTo(accountId, ids(list), current, to));
    setNotice(said);
    afterRemoval();
  };
  const archive = (list = view.targets) => {
    const to = roleOf(mailboxes, 'archive');
    if (!to || !list.length) return setNotice(to ? 'Nothing selected.' : 'This account has no Archive folder.');
    move(list, to, `Archived ${conversations(list.length)}.`);
  };
  const trash = (list = view.targets) => {
    const to = roleOf(mailboxes, 'trash');
    if (!to || !list.length) return setNotice(to ? 'Nothing selected.' : 'This account has no Trash folder.');
    move(list, to, `Moved ${conversations(list.length)} to Trash.`);
  };
  const moveToFolder = (to: string, list = view.targets) => {
    if (!list.length) return setNotice('Nothing selected.');
    const name = mailboxes?.find((m) => m.id === to)?.name ?? 'the folder';
    move(list, to, `Moved ${conversations(list.length)} to ${name}.`);
  };
  const star = (list = view.targets) => {
    if (!list.length) return;
    const on = !list.some((l) => l.flagged);
    patch(list, { flagged: on });
    void chrome().then((a) => a.setKeyword(accountId, on ? list.map((l) => l.emailId) : ids(list), '$flagged', on));
  };
  const markRead = (read: boolean, list = view.targets) => {
    if (!list.length) return;
    patch(list, { unread: !read });
    void chrome().then((a) => a.setKeyword(accountId, ids(list), '$seen', read));
    if (!read && view.openThread) view.setOpenThread(null);
  };
  return { notice, archive, trash, moveToFolder, star, markRead };
}

export type Triage = ReturnType<typeof useTriage>;
