/**
 * What the triage buttons and keys do (useTriage.ts hands them over; this module comes with
 * the chrome, chrome.ts): the rows change in the same frame (the list overlay), the intent
 * is written, and a toast says what was done with an Undo for ~8 s (`z` too; later from the
 * Outbox list). Delete inside Trash and Junk deletes for good after a confirmation.
 */
import type { Intent, UndoHandle } from '../../outbox/index.ts';
import type { MailboxRecord } from '../../sync/index.ts';
import { actUndoable, destroyEmails, undoAction } from '../data/actions.ts';
import type { ThreadLine } from '../threads/line.ts';
import { emailIdsIn } from './folderContents.ts';
import { offeredIn, roleOf } from './offered.ts';
import type { ListOverlay } from './useListOverlay.ts';
import { failedWriteWords } from '../data/writeFailure.ts';
import type { ListView } from './useListView.ts';

export interface TriageContext {
  accountId: string;
  mailboxes: readonly MailboxRecord[] | undefined;
  current: string | undefined;
  overlay: ListOverlay;
  view: ListView;
  setToast(toast: Toast): void;
}

/** What the toast says (role=status), and what its Undo button (and `z`) does while shown. */
export interface Toast {
  id: number;
  words: string;
  undo?: () => void;
}

let toasts = 0;
const conversations = (n: number) => `${n} conversation${n === 1 ? '' : 's'}`;
const forGoodQuestion = (n: number) => `Delete ${conversations(n)} for good? This can't be undone.`;

export function triageActions({ accountId, mailboxes, current, overlay, view, setToast }: TriageContext) {
  const offered = offeredIn(mailboxes, current);
  const say = (words: string) => setToast({ id: ++toasts, words });
  const ids = (list: ThreadLine[]) => list.flatMap((l) => l.emailIds);
  const afterRemoval = () => {
    view.setSelected(new Set());
    if (view.openThread) view.setOpenThread(null);
  };
  /** The intent, and a toast whose Undo puts the lines back at once and the mail back through the outbox. */
  const act = (list: ThreadLine[], intent: Intent, words: string): Promise<UndoHandle> => {
    const written = actUndoable(accountId, intent);
    const id = ++toasts;
    const undo = () => {
      overlay.restore(list, written.then(undoAction));
      setToast({ id, words: 'Undone.' });
    };
    setToast({ id, words, undo });
    // Not written (the disk is full): said in words, and no word that it was done.
    written.catch((error: unknown) => setToast({ id, words: failedWriteWords(error) }));
    return written;
  };
  const move = (list: ThreadLine[], to: string, words: string, keywords?: Record<string, boolean>) => {
    overlay.hide(
      list,
      act(list, { kind: 'move', emailIds: ids(list), fromMailboxId: current, toMailboxId: to, ...(keywords ? { keywords } : {}) }, words),
    );
    afterRemoval();
  };
  const archive = (list = view.targets) => {
    const to = roleOf(mailboxes, 'archive');
    if (!to) return say('This account has no Archive folder.');
    if (!offered.archive) return say('Already in Archive.');
    if (!list.length) return say('Nothing selected.');
    move(list, to, `Archived ${conversations(list.length)}`);
  };
  const destroyForGood = (list: ThreadLine[]) => {
    if (!confirm(forGoodQuestion(list.length))) return;
    const written = destroyEmails(accountId, ids(list));
    overlay.hide(list, written);
    say(`Deleted ${conversations(list.length)} for good`);
    written.catch((error: unknown) => say(failedWriteWords(error)));
    afterRemoval();
  };
  const trash = (list = view.targets) => {
    const to = roleOf(mailboxes, 'trash');
    if (!list.length) return say('Nothing selected.');
    if (offered.deleteForGood) return destroyForGood(list);
    if (!to) return say('This account has no Trash folder.');
    move(list, to, `Moved ${conversations(list.length)} to Trash`);
  };
  const emptyTrash = async () => {
    if (!current || !offered.emptyTrash) return;
    const all = await emailIdsIn(accountId, current);
    if (!all.threads || !confirm(forGoodQuestion(all.threads))) return;
    say(`Deleted ${conversations(all.threads)} for good`);
    destroyEmails(accountId, all.emailIds).catch((error: unknown) => say(failedWriteWords(error)));
    afterRemoval();
  };
  const spam = (list = view.targets) => {
    const junk = roleOf(mailboxes, 'junk');
    const inbox = roleOf(mailboxes, 'inbox');
    if (!junk) return say('This account has no Junk folder.');
    if (!list.length) return say('Nothing selected.');
    if (offered.notSpam && inbox)
      return move(list, inbox, `Marked ${conversations(list.length)} not spam`, { $junk: false, $notjunk: true });
    move(list, junk, `Reported ${conversations(list.length)} as spam`, { $junk: true, $notjunk: false });
  };
  const moveToFolder = (to: string, list = view.targets) => {
    if (!list.length) return say('Nothing selected.');
    const name = mailboxes?.find((m) => m.id === to)?.name ?? 'the folder';
    move(list, to, `Moved ${conversations(list.length)} to ${name}`);
  };
  const star = (list = view.targets) => {
    if (!list.length) return;
    const on = !list.some((l) => l.flagged);
    const written = act(
      list,
      { kind: 'keywords', emailIds: on ? list.map((l) => l.emailId) : ids(list), [on ? 'add' : 'remove']: ['$flagged'] },
      `${on ? 'Starred' : 'Unstarred'} ${conversations(list.length)}`,
    );
    overlay.patch(list, { flagged: on }, written);
  };
  const markRead = (read: boolean, list = view.targets) => {
    if (!list.length) return;
    const written = act(
      list,
      { kind: 'keywords', emailIds: ids(list), [read ? 'add' : 'remove']: ['$seen'] },
      `Marked ${conversations(list.length)} ${read ? 'read' : 'unread'}`,
    );
    overlay.patch(list, { unread: !read }, written);
    if (!read && view.openThread) view.setOpenThread(null);
  };
  return { archive, trash, emptyTrash, spam, moveToFolder, star, markRead };
}

export type TriageActions = ReturnType<typeof triageActions>;
