import { useMemo, useRef, useState } from 'react';
import { enqueue } from '../../outbox/index.ts';
import type { AccountRow } from '../../store/index.ts';
import { wakeOutbox } from '../bridge/mailSync.ts';
import { mailDb } from '../data/db.ts';
import { failedWriteWords } from '../data/writeFailure.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { FromField } from './FromField.tsx';
import { useIdentities } from './identities.ts';
import { MessageEditor } from './MessageEditor.tsx';
import { RecipientInputs } from './RecipientInputs.tsx';
import { recipientRefusal } from './sendCheck.ts';
import { SendLater } from './SendLater.tsx';
import { filesDroppedOrPasted, useAttachFiles } from './useAttachFiles.ts';
import { useDialogFocus } from './useDialogFocus.ts';
import { useDraft } from './useDraft.ts';
import { useFrom } from './useFrom.ts';
import { useInlineImages } from './useInlineImages.ts';
import { useKeepDraft } from './useKeepDraft.ts';
import { closeCompose, type ComposeInit } from './store.ts';

const HOLD_MS = 10_000;

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
  const inline = useInlineImages(accountId, row?.content.attachments ?? [], editor);
  const { current, autosave, saveFailed } = useKeepDraft(accountId, draftId, row, fields, editor, inline, setError);
  const touch = () => autosave.touch();
  const addFiles = useAttachFiles(accountId, row, setRow, touch, setError, inline);
  const fileEvents = filesDroppedOrPasted(addFiles, !!row?.rich, editor);

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
      {...fileEvents}
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
      <FromField row={row} setRow={setRow} choice={choice} username={account.username} touch={touch} />
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
      <MessageEditor row={row} setRow={setRow} editor={editor} inline={inline} touch={touch} />
      <AttachmentList row={row} setRow={setRow} touch={touch} />
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
