import { ArrowLeft } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MailboxRecord } from '../../sync/index.ts';
import { AddressText, Subject } from '../message/HeaderText.tsx';
import { setKeyword } from '../data/actions.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { longDate, who } from '../threads/format.ts';
import { plainPreview } from '../threads/line.ts';
import { initials, tone } from '../threads/avatar.ts';
import { MessageContent } from './MessageContent.tsx';
import { ConversationToolbar } from './ConversationToolbar.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import { usePrint } from './usePrint.ts';
import './print.css';
import { peekConversation, readConversation } from './peek.ts';

/** The toolbar offers only what changes something in this folder (shell/offered.ts). */
export interface ConversationActions {
  archive(): void;
  /** Inside Trash and Junk: for good, after a confirmation. */
  trash(): void;
  /** Report spam, or inside Junk: not spam. */
  spam(): void;
  toggleStar(): void;
  markUnread(): void;
  back(): void;
  reply(mode: 'reply' | 'replyAll' | 'forward', emailId: string, asAttachment?: boolean): void;
  moveTo(mailboxId: string): void;
}

/** Every message of a thread, oldest first; read ones collapsed, the newest open. */
export function Conversation(props: {
  accountId: string;
  threadId: string;
  actions: ConversationActions;
  mailboxes: readonly MailboxRecord[];
  currentMailboxId: string | undefined;
}) {
  const { accountId, threadId, actions } = props;
  const emails = useLiveQuery(
    () => readConversation(accountId, threadId),
    [accountId, threadId],
    () => peekConversation(accountId, threadId),
  );
  const [open, setOpen] = useState<Set<string>>(new Set());
  const article = useRef<HTMLElement>(null);
  const openAll = useCallback(() => setOpen(new Set((emails ?? []).map((e) => e.id))), [emails]);
  const { printing, print } = usePrint(article, openAll);

  // Opening a conversation marks it read (an intent: instant, flushed later).
  const unread = useMemo(() => (emails ?? []).filter((e) => !e.keywords.$seen).map((e) => e.id), [emails]);
  useEffect(() => {
    if (unread.length) {
      setOpen((o) => new Set([...o, ...unread]));
      void setKeyword(accountId, unread, '$seen', true);
    }
  }, [accountId, unread]);

  if (!emails) return <p className="muted">Opening…</p>;
  if (emails.length === 0) return <p className="muted">This conversation is no longer here.</p>;
  const last = emails[emails.length - 1]!;
  const flagged = emails.some((e) => e.keywords.$flagged);
  return (
    <article ref={article} className={printing ? 'conversation printing' : 'conversation'} aria-labelledby="conversation-subject">
      <header className="conversation-header">
        <button type="button" className="back" onClick={actions.back} aria-label="Back to the list" title="Back to the list (u)">
          <ArrowLeft aria-hidden="true" focusable="false" size={18} />
        </button>
        <h2 id="conversation-subject">
          <Subject value={last.subject || '(no subject)'} />
        </h2>
        <ConversationToolbar
          actions={actions}
          mailboxes={props.mailboxes}
          currentMailboxId={props.currentMailboxId}
          lastId={last.id}
          flagged={flagged}
          printing={printing}
          print={print}
        />
      </header>
      {emails.map((e) => {
        const expanded = printing || e.id === last.id || open.has(e.id);
        return (
          <section key={e.id} className={expanded ? 'message expanded' : 'message'} aria-label={`Message from ${who(e.from)}`}>
            <button
              type="button"
              className="message-head"
              aria-expanded={expanded}
              onClick={() => setOpen((o) => new Set(o.has(e.id) ? [...o].filter((x) => x !== e.id) : [...o, e.id]))}
            >
              <span className={`avatar tone${tone(e.from?.[0]?.email)}`} aria-hidden="true">
                {initials(e.from?.[0]?.name, e.from?.[0]?.email)}
              </span>
              <span className="from">
                <AddressText name={e.from?.[0]?.name} email={e.from?.[0]?.email} />
              </span>
              <time dateTime={e.receivedAt}>{longDate(e.receivedMs)}</time>
              {!expanded && <span className="preview">{plainPreview(e.preview)}</span>}
            </button>
            {expanded && (
              <HeaderFields
                className="message-print-head"
                values={{ from: e.from, to: e.to, cc: e.cc, dateMs: e.sentAt ? Date.parse(e.sentAt) : e.receivedMs, subject: e.subject }}
              />
            )}
            {expanded && <MessageContent accountId={accountId} email={e} mailboxes={props.mailboxes} />}
          </section>
        );
      })}
    </article>
  );
}
