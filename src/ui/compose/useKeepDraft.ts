/**
 * Keeping the draft as it is written: what the window shows as DraftContent, saved on this
 * device at once (Dexie) and on the server through the outbox (a saveDraft intent; the
 * flusher sends only the last of a burst), by the autosave's timers, when the page is
 * hidden or goes away, and when the window closes.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { enqueue, type DraftContent } from '../../outbox/index.ts';
import { wakeOutbox } from '../bridge/mailSync.ts';
import { mailDb } from '../data/db.ts';
import { failedWriteWords } from '../data/writeFailure.ts';
import { createAutosave } from './autosave.ts';
import { saveDraftRow, type DraftRowContent } from './draft.ts';
import { textOfEditor } from './quoteHtml.ts';
import { badEntries, fieldRecipients, type RecipientFields } from './recipients.ts';
import type { useInlineImages } from './useInlineImages.ts';

export function useKeepDraft(
  accountId: string,
  draftId: string,
  row: DraftRowContent | null,
  fields: RecipientFields,
  editor: RefObject<HTMLDivElement | null>,
  inline: ReturnType<typeof useInlineImages>,
  setError: (words: string | null) => void,
) {
  const db = mailDb();
  const current = (): DraftContent | null => {
    if (!row) return null;
    const sent = row.rich && editor.current ? inline.outgoing(editor.current, row.content.attachments) : undefined;
    const html = sent?.html;
    const text = row.rich && editor.current ? textOfEditor(editor.current) : row.content.textBody;
    // The chips as they are, and what is typed but not a chip yet.
    return {
      ...row.content,
      attachments: sent?.attachments ?? row.content.attachments,
      to: fieldRecipients(fields.to).list,
      cc: fieldRecipients(fields.cc).list,
      bcc: fieldRecipients(fields.bcc).list,
      textBody: text,
      ...(html ? { htmlBody: html } : { htmlBody: undefined }),
    };
  };
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
  /** `saveFailed`: the last save was not kept (the window stays open on close). */
  return { current, autosave, saveFailed };
}
