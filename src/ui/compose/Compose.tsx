import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { enqueue, putOutgoingBlob, type DraftContent } from '../../outbox/index.ts';
import type { AccountRow } from '../../store/index.ts';
import { wakeOutbox } from '../bridge/mailSync.ts';
import { mailDb } from '../data/db.ts';
import { createAutosave } from './autosave.ts';
import { cleanOutgoingHtml, editorFragment, saveDraftRow, type DraftRowContent } from './draft.ts';
import { failedWriteWords } from '../data/writeFailure.ts';
import { PARTIAL_QUOTE_WORDS } from './quote.ts';
import { textOfEditor } from './quoteHtml.ts';
import { FormattingTools } from './FormattingTools.tsx';
import { useIdentities } from './identities.ts';
import { RecipientInputs } from './RecipientInputs.tsx';
import { badEntries, fieldRecipients } from './recipients.ts';
import { recipientRefusal } from './sendCheck.ts';
import { SendLater } from './SendLater.tsx';
import { size, tooLarge, useUploadLimit } from './uploadLimit.ts';
import { useDraft } from './useDraft.ts';
import { useFrom } from './useFrom.ts';
import { useDialogFocus } from './useDialogFocus.ts';
import type { Identity } from '../../jmap/index.ts';
import { closeCompose, type ComposeInit } from './store.ts';

const HOLD_MS = 10_000;

/** An identity as From shows it: "Name <address>", or what the server calls it when it gives no address. */
function identityOption(identity: Identity, username: string): string {
  if (!identity.email) return `${identity.name || username} (no address from the server)`;
  return identity.name ? `${identity.name} <${identity.email}>` : identity.email;
}

/** Writing a message: works offline; the draft is kept on this device as you type. */
export function Compose({ account, init }: { account: AccountRow; init: ComposeInit & { key: string } }) {
  const db = mailDb();
  const accountId = account.id;
  const identities = useIdentities(accountId);
  const draftId = init.draftId ?? init.key;
  const { row, setRow, fields, setFields, addressedTo } = useDraft(account, init, draftId, identities.data);
  const [error, setError] = useState<string | null>(null);
  const editor = useRef<HTMLDivElement>(null);
  const choice = useFrom(account, identities.data, row, setRow, addressedTo, editor, !!init.draftId);

  const current = (): DraftContent | null => {
    if (!row) return null;
    const html = row.rich && editor.current ? cleanOutgoingHtml(editor.current.innerHTML) : undefined;
    const text = row.rich && editor.current ? textOfEditor(editor.current) : row.content.textBody;
    // The chips as they are, and what is typed but not a chip yet.
    return {
      ...row.content,
      to: fieldRecipients(fields.to).list,
      cc: fieldRecipients(fields.cc).list,
      bcc: fieldRecipients(fields.bcc).list,
      textBody: text,
      ...(html ? { htmlBody: html } : { htmlBody: undefined }),
    };
  };
  // Kept on this device at once (Dexie), and on the server through the outbox (a
  // saveDraft intent; the flusher sends only the last of a burst).
  const keep = async (kept: DraftRowContent, content: DraftContent) => {
    await saveDraftRow(db, { ...kept, content });
    const empty = !content.to.length && !content.subject && !content.textBody.trim() && !content.attachments.length;
    if (empty) return;
    await enqueue(db, accountId, { kind: 'saveDraft', draftId, content });
    wakeOutbox(accountId);
  };
  // The autosave's timers outlive renders: they save what the latest render shows.
  const saveNow = useRef<() => Promise<void>>(async () => {});
  const saveFailed = useRef(false);
  saveNow.current = async () => {
    // Rich text is read from the editor: once it is gone (unmounted) there is nothing newer to keep.
    if (row?.rich && !editor.current) return;
    const content = current();
    if (!content || !row) return;
    try {
      await keep({ ...row, badRecipients: badEntries(fields) }, content);
      saveFailed.current = false;
    } catch (e) {
      // Not kept (the disk is full): said in words; the next change tries again.
      saveFailed.current = true;
      setError(failedWriteWords(e, 'this draft'));
    }
  };
  const autosave = useMemo(() => createAutosave(() => saveNow.current()), []);
  useEffect(() => {
    // Hidden (another tab, the phone's home screen) or going away: save now, the page may
    // never run again (a mobile browser kills hidden pages without another event).
    const hidden = () => document.visibilityState === 'hidden' && void autosave.flush();
    const gone = () => void autosave.flush();
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', gone);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', gone);
      void autosave.flush();
    };
  }, [autosave]);
  const touch = () => autosave.touch();

  const uploadLimit = useUploadLimit(accountId);
  const addFiles = async (files: FileList | File[]) => {
    if (!row) return;
    const list = Array.from(files);
    // Told before anything is kept or uploaded: the server would refuse it at send.
    const refused = tooLarge(list, uploadLimit);
    setError(refused);
    const added = [];
    for (const f of list) {
      if (uploadLimit && f.size > uploadLimit) continue;
      const id = await putOutgoingBlob(db, f, { accountId, name: f.name || 'pasted', type: f.type });
      added.push({ outgoingBlobId: id, name: f.name || 'pasted', type: f.type || 'application/octet-stream', size: f.size });
    }
    setRow({ ...row, content: { ...row.content, attachments: [...row.content.attachments, ...added] } });
    touch();
  };

  const close = async (kept: boolean) => {
    if (kept && row) {
      // A draft never sent to the server (shared to the app, kept by an older version) goes now.
      if (!row.serverId) autosave.touch();
      await autosave.flush();
    } else autosave.cancel();
    // Not kept (the disk is full): the window stays open with the words, nothing is lost.
    if (kept && saveFailed.current) return;
    closeCompose();
  };

  /** `sendAt`: send later (the server holds it until then; SendLater.tsx). */
  const send = async (sendAt?: number) => {
    const content = current();
    if (!content || !row) return;
    const refused = recipientRefusal(fields);
    if (refused) return setError(refused);
    if (!content.from.email.includes('@')) return setError('Type the address you send from.');
    // Offline before the identities were ever fetched: the outbox picks one when it sends.
    const identity =
      identities.data?.find((i) => i.id === content.identityId) ??
      identities.data?.find((i) => i.email.toLowerCase() === content.from.email.toLowerCase()) ??
      identities.data?.[0];
    try {
      await enqueue(db, accountId, {
        kind: 'send',
        draftId,
        identityId: identity?.id ?? '',
        content: { ...content, ...(identity ? { identityId: identity.id } : {}) },
        // A scheduled one needs no undo window: it is canceled from Scheduled until its time.
        ...(sendAt ? { sendAt, holdMs: 0 } : { holdMs: HOLD_MS }),
      });
    } catch (e) {
      // Not queued: the message stays here to send again, and nothing says it was sent.
      return setError(failedWriteWords(e, 'this message to send'));
    }
    autosave.cancel();
    await db.drafts.delete(draftId);
    wakeOutbox(accountId);
    closeCompose();
  };

  // Gone from this device and, through the outbox, every copy of it from the server.
  const discard = async () => {
    autosave.cancel();
    const { draftMessageId, serverDraftId } = row?.content ?? {};
    await enqueue(db, accountId, { kind: 'discardDraft', draftId, draftMessageId, serverDraftId });
    await db.drafts.delete(draftId);
    wakeOutbox(accountId);
    closeCompose();
  };

  // The rich editor starts from the draft's HTML (a quoted HTML mail, a kept draft), as nodes.
  const html = useRef<string | undefined>(undefined);
  html.current = row?.content.htmlBody;
  const fillEditor = useCallback((el: HTMLDivElement | null) => {
    editor.current = el;
    if (el && html.current !== undefined) el.replaceChildren(editorFragment(html.current));
  }, []);
  // Rich text off keeps the words; on again starts from them.
  const switchRich = (rich: boolean) => {
    if (!row) return;
    const text = !rich && editor.current ? textOfEditor(editor.current) : row.content.textBody;
    setRow({ ...row, rich, content: { ...row.content, textBody: text, htmlBody: undefined } });
    touch();
  };

  const exec = (command: string, value?: string) => {
    editor.current?.focus();
    document.execCommand(command, false, value);
    touch();
  };

  const dialog = useRef<HTMLDivElement>(null);
  // A new message starts in To (autoFocus); a reply or forward in the message.
  useDialogFocus(dialog, !!row, () => dialog.current?.querySelector<HTMLElement>('[aria-label="Message"]') ?? null);

  const title = useMemo(() => (init.mode === 'new' ? 'New message' : init.mode === 'forward' ? 'Forward' : 'Reply'), [init.mode]);
  if (!row) return null;
  return (
    <div
      ref={dialog}
      className="compose"
      role="dialog"
      aria-label={title}
      onDragOver={(e: DragEvent) => e.preventDefault()}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        if (e.dataTransfer.files.length) void addFiles(e.dataTransfer.files);
      }}
      onPaste={(e: ClipboardEvent) => {
        if (e.clipboardData.files.length) {
          e.preventDefault();
          void addFiles(e.clipboardData.files);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') void close(true);
      }}
    >
      <header className="compose-head">
        <h2>{title}</h2>
        <button type="button" onClick={() => void close(true)}>
          Close (keeps the draft)
        </button>
      </header>
      {choice.identities.length > 0 ? (
        <label>
          From
          <select value={choice.identityId ?? ''} onChange={(e) => (choice.choose(e.target.value), touch())}>
            {choice.identities.map((i) => (
              <option key={i.id} value={i.id}>
                {identityOption(i, account.username)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        // The identities were never fetched (offline since sign-in): the address as typed.
        <label>
          From
          <input
            value={row.content.from.email}
            onChange={(e) => (
              setRow({ ...row, content: { ...row.content, from: { ...row.content.from, email: e.target.value } } }),
              touch()
            )}
          />
        </label>
      )}
      {(choice.from?.source === 'ask' || choice.from?.source === 'given') && (
        <label>
          Your address
          <input type="email" required value={row.content.from.email} onChange={(e) => (choice.give(e.target.value), touch())} />
        </label>
      )}
      {choice.words && <p className="muted">{choice.words}</p>}
      <RecipientInputs
        account={account}
        fields={fields}
        onChange={(kind, update) => (setFields((f) => ({ ...f, [kind]: update(f[kind]) })), touch())}
        autoFocus={init.mode === 'new'}
      />
      <label>
        Subject
        <input
          value={row.content.subject}
          onChange={(e) => (setRow({ ...row, content: { ...row.content, subject: e.target.value } }), touch())}
        />
      </label>
      <FormattingTools rich={row.rich} onRich={switchRich} exec={exec} />
      {row.partialQuote && (
        <p className="notice-inline" role="note">
          {PARTIAL_QUOTE_WORDS}
        </p>
      )}
      {row.rich ? (
        <div
          ref={fillEditor}
          className="editor"
          contentEditable
          role="textbox"
          aria-multiline="true"
          aria-label="Message"
          onInput={touch}
          suppressContentEditableWarning
        >
          {row.content.htmlBody === undefined ? row.content.textBody : null}
        </div>
      ) : (
        <textarea
          aria-label="Message"
          value={row.content.textBody}
          onChange={(e) => (setRow({ ...row, content: { ...row.content, textBody: e.target.value } }), touch())}
          rows={12}
        />
      )}
      {row.content.attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
          {row.content.attachments.map((a) => (
            <li key={a.outgoingBlobId ?? a.blobId}>
              {a.name} <span className="muted">{size(a.size)}</span>{' '}
              <button
                type="button"
                onClick={() => (
                  setRow({ ...row, content: { ...row.content, attachments: row.content.attachments.filter((x) => x !== a) } }),
                  touch()
                )}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <footer className="compose-foot">
        <button type="button" className="primary" onClick={() => void send()}>
          Send
        </button>
        <SendLater accountId={accountId} onSchedule={(at) => void send(at)} />
        <label className="attach">
          Attach files
          <input type="file" multiple onChange={(e) => e.target.files && void addFiles(e.target.files)} />
        </label>
        <button type="button" onClick={() => void discard()}>
          Discard
        </button>
      </footer>
    </div>
  );
}
