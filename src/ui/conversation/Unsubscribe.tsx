/**
 * "Unsubscribe" in a message's header when its List-Unsubscribe offers a way
 * (unsubscribe.ts), after a confirmation that says what will happen; then the offer to
 * archive the list's mail in the Inbox (unsubscribeAction.ts). Everything named from
 * the headers is shown as text through displayText.
 */
import { useMemo, useState } from 'react';
import type { EmailHeader } from '../../jmap/index.ts';
import type { UndoHandle } from '../../outbox/undo.ts';
import { displayText } from '../../sanitize/displayText.ts';
import type { EmailRecord, MailboxRecord } from '../../sync/index.ts';
import { openCompose } from '../compose/store.ts';
import { undoAction } from '../data/actions.ts';
import { listUnsubscribe, type ListUnsubscribe } from './unsubscribe.ts';
import { archiveListMail, listMailInInbox, unsubscribe } from './unsubscribeAction.ts';

function question(found: ListUnsubscribe, name: string): string {
  const { choice } = found;
  if (choice.kind === 'post') return `Unsubscribe from “${name}”? A one-click unsubscribe request goes to ${choice.host}.`;
  if (choice.kind === 'mailto') return `Unsubscribe from “${name}”? An unsubscribe email goes to ${displayText(choice.to)}.`;
  return `Unsubscribe from “${name}”? The list's page at ${choice.host} opens in a new tab.`;
}

type State =
  | { step: 'offered' }
  | { step: 'done'; words: string; listMail: string[] | null }
  | { step: 'archived'; count: number; handle: UndoHandle | null };

export function Unsubscribe(props: {
  accountId: string;
  email: EmailRecord;
  headers: readonly EmailHeader[] | undefined;
  mailboxes: readonly MailboxRecord[];
}) {
  const { accountId, email, mailboxes } = props;
  const found = useMemo(() => listUnsubscribe(props.headers ?? []), [props.headers]);
  const [state, setState] = useState<State>({ step: 'offered' });
  const [problem, setProblem] = useState<string | null>(null);
  if (!found) return null;
  const name = displayText(found.listName) || 'this list';

  const run = async () => {
    setProblem(null);
    if (!window.confirm(question(found, name))) return;
    try {
      const words = await unsubscribe(accountId, email, found);
      if (words === null) {
        // No address to send from is known here: the composer asks for it.
        if (found.choice.kind === 'mailto')
          openCompose({
            mode: 'new',
            mailto: `mailto:${found.choice.to}?subject=${encodeURIComponent(found.choice.mail.subject || 'unsubscribe')}`,
          });
        return;
      }
      setState({ step: 'done', words, listMail: null });
      if (found.listId) {
        const ids = await listMailInInbox(accountId, found.listId, mailboxes);
        setState({ step: 'done', words, listMail: ids });
      }
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const archive = async (ids: string[]) => {
    const handle = await archiveListMail(accountId, ids, mailboxes);
    setState({ step: 'archived', count: ids.length, handle });
  };

  const count = (n: number) => `${n} message${n === 1 ? '' : 's'}`;
  return (
    <div className="unsubscribe">
      {state.step === 'offered' ? (
        <button type="button" onClick={() => void run()}>
          Unsubscribe
        </button>
      ) : state.step === 'done' ? (
        <p role="status">
          {state.words}{' '}
          {state.listMail?.length && mailboxes.some((m) => m.role === 'archive') ? (
            <button type="button" onClick={() => void archive(state.listMail!)}>
              Archive {count(state.listMail.length)} from this list
            </button>
          ) : null}
        </p>
      ) : (
        <p role="status">
          Archived {count(state.count)} from {name}.{' '}
          {state.handle ? (
            <button
              type="button"
              onClick={() => {
                void undoAction(state.handle!);
                setState({ step: 'done', words: 'Archive undone.', listMail: null });
              }}
            >
              Undo
            </button>
          ) : null}
        </p>
      )}
      {problem && (
        <p className="notice-inline" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
