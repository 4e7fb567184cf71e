import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readSetting, remoteImagesFrom, writeSetting } from '../../store/index.ts';
import type { EmailRecord, MailboxRecord } from '../../sync/index.ts';
import { MessageBody } from '../message/MessageBody.tsx';
import { AddressText, Subject } from '../message/HeaderText.tsx';
import { mailDb } from '../data/db.ts';
import { setKeyword } from '../data/actions.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { longDate, who } from '../threads/format.ts';
import { plainPreview } from '../threads/line.ts';
import { MoveTo } from '../threads/MoveTo.tsx';
import { openCompose } from '../compose/store.ts';
import { Attachments } from './Attachments.tsx';
import { AttachedMessages } from './AttachedMessages.tsx';
import { Unsubscribe } from './Unsubscribe.tsx';
import { saveAs } from './partBlob.ts';
import { ShowOriginal, emlName, originalBlob } from './ShowOriginal.tsx';
import { isCut, partsSize, partsText, useBody } from './useBody.ts';
import { useInlineImages } from './useInlineImages.ts';
import { useRedecoded } from './useRedecoded.ts';
import { NotOnDevice } from './NotOnDevice.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import { usePrint } from './usePrint.ts';
import './print.css';
import { offeredIn } from '../shell/offered.ts';
import { peekConversation, peekRemoteAllowed, readConversation } from './peek.ts';

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
  const offered = offeredIn(props.mailboxes, props.currentMailboxId);
  return (
    <article ref={article} className={printing ? 'conversation printing' : 'conversation'} aria-labelledby="conversation-subject">
      <header className="conversation-header">
        <button type="button" className="back" onClick={actions.back} aria-label="Back to the list">
          ←
        </button>
        <h2 id="conversation-subject">
          <Subject value={last.subject || '(no subject)'} />
        </h2>
        <div className="toolbar" role="toolbar" aria-label="Conversation actions">
          {offered.archive && (
            <button type="button" onClick={actions.archive}>
              Archive
            </button>
          )}
          <button type="button" onClick={actions.trash}>
            {offered.deleteForGood ? 'Delete for good' : 'Delete'}
          </button>
          {offered.reportSpam && (
            <button type="button" onClick={actions.spam}>
              Report spam
            </button>
          )}
          {offered.notSpam && (
            <button type="button" onClick={actions.spam}>
              Not spam
            </button>
          )}
          <button type="button" onClick={actions.toggleStar} aria-pressed={flagged}>
            {flagged ? 'Unstar' : 'Star'}
          </button>
          <button type="button" onClick={actions.markUnread}>
            Mark unread
          </button>
          <button type="button" onClick={() => actions.reply('reply', last.id)}>
            Reply
          </button>
          <button type="button" onClick={() => actions.reply('replyAll', last.id)}>
            Reply all
          </button>
          <button type="button" onClick={() => actions.reply('forward', last.id)}>
            Forward
          </button>
          <button type="button" onClick={() => actions.reply('forward', last.id, true)}>
            Forward as attachment
          </button>
          <button type="button" onClick={print} aria-keyshortcuts="Control+P Meta+P" disabled={printing}>
            {printing ? 'Preparing to print…' : 'Print'}
          </button>
          <MoveTo id="move-to-conversation" mailboxes={props.mailboxes} currentMailboxId={props.currentMailboxId} onMove={actions.moveTo} />
        </div>
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

function MessageContent({ accountId, email, mailboxes }: { accountId: string; email: EmailRecord; mailboxes: readonly MailboxRecord[] }) {
  const loaded = useBody(accountId, email.id);
  const { error, loading, partial, missing, slow } = loaded;
  const { body, note: charsetNote } = useRedecoded(accountId, email.id, loaded.body);
  const sender = email.from?.[0]?.email ?? '';
  const allowed = useLiveQuery(
    async () => (sender ? readSetting(mailDb(), remoteImagesFrom(sender)) : false),
    [sender.toLowerCase()],
    () => peekRemoteAllowed(sender),
  );
  const inlineParts = useMemo(() => (body ? [...body.htmlBody, ...body.attachments] : []), [body]);
  const cidMap = useInlineImages(accountId, email.id, inlineParts);
  const [problem, setProblem] = useState<string | null>(null);
  const downloadOriginal = () => {
    setProblem(null);
    originalBlob(accountId, email)
      .then((blob) => saveAs(blob, emlName(email)))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  if (missing || slow) return <NotOnDevice email={email} reach={missing} />;
  if (loading)
    return (
      <p className="muted" data-body-loading="">
        Loading the message…
      </p>
    );
  if (error || !body) return <p className="notice-inline">{error ?? 'This message has no body.'}</p>;
  const html = partsText(body, body.htmlBody, 'text/html');
  const text = partsText(body, body.textBody, 'text/plain');
  // Cut by the server at what the page renders at most: too large, said in words.
  const cutWords = (type: string, parts: typeof body.htmlBody) =>
    !partial && isCut(body, parts) ? `too large to show safely (${(partsSize(parts, type) / 1_000_000).toFixed(1)} MB)` : null;
  return (
    <div className="message-body">
      {email.to?.length ? (
        <p className="recipients muted">
          To:{' '}
          {email.to.map((a, i) => (
            <span key={i}>
              {i > 0 ? ', ' : null}
              <AddressText name={a.name} email={a.email} />
            </span>
          ))}
        </p>
      ) : null}
      <Unsubscribe accountId={accountId} email={email} headers={body.headers} mailboxes={mailboxes} />
      <MessageBody
        key={email.id}
        html={html}
        text={text}
        senderEmail={sender}
        cidMap={cidMap}
        htmlRefusal={cutWords('text/html', body.htmlBody)}
        textRefusal={cutWords('text/plain', body.textBody)}
        note={
          [partial ? 'Only the start of this message is on this device. The rest shows when you are back online.' : null, charsetNote]
            .filter(Boolean)
            .join(' ') || null
        }
        onDownload={downloadOriginal}
        onMailto={(href) => openCompose({ mode: 'new', mailto: href })}
        remoteAllowed={allowed === true}
        onAlwaysAllowSender={(s) => void writeSetting(mailDb(), remoteImagesFrom(s), true)}
        title={`Message from ${who(email.from)}`}
      />
      {problem && (
        <p className="notice-inline" role="alert">
          {problem}
        </p>
      )}
      <Attachments
        accountId={accountId}
        parts={body.attachments}
        of={{ receivedMs: email.receivedMs, mailboxIds: Object.keys(email.mailboxIds) }}
      />
      <AttachedMessages accountId={accountId} parts={body.attachments} within={email.id} />
      <ShowOriginal accountId={accountId} email={email} />
    </div>
  );
}
