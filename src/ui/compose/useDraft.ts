/**
 * The draft a compose window edits: a kept one from db.drafts, or a new one prefilled for
 * reply, reply all or forward; its recipient fields (structured until edited, see
 * recipients.ts). From and the signature are useFrom's.
 */
import { useEffect, useRef, useState } from 'react';
import type { Identity } from '../../jmap/index.ts';
import type { AccountRow } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { draftMessageId, emptyDraft, prefill, type DraftRowContent } from './draft.ts';
import type { Recipient } from './addresses.ts';
import { parseMailto } from './mailto.ts';
import { readOriginal } from './original.ts';
import { quoteSource } from './quoteHtml.ts';
import { forwardAttachments } from './reply.ts';
import { ownAddresses } from './own.ts';
import { loadedFields, withoutAddresses, type RecipientFields, type RecipientKind } from './recipients.ts';
import type { ComposeInit } from './store.ts';

export function useDraft(account: AccountRow, init: ComposeInit, draftId: string, identities: readonly Identity[] | undefined) {
  const db = mailDb();
  const accountId = account.id;
  const [row, setRow] = useState<DraftRowContent | null>(null);
  const [fields, setFields] = useState<RecipientFields>(() => loadedFields({ to: [], cc: [], bcc: [] }));
  // What a mailto: URL held that is not an address: shown in its field as a bad chip to correct.
  const mailtoBad = useRef<Record<RecipientKind, string[]> | null>(null);
  // Whom the original was addressed to: a reply sends from the identity among them (useFrom).
  const addressedTo = useRef<Recipient[]>([]);

  // Load a kept draft, or start one (prefilled for replies and forwards).
  useEffect(() => {
    void (async () => {
      const kept = (await db.drafts.get(draftId)) as DraftRowContent | undefined;
      if (kept) {
        // Kept by an older version or shared to the app: the composition gets its Message-ID now.
        const id = kept.content.draftMessageId ?? draftMessageId(kept.content.from.email || account.name);
        setRow({ ...kept, content: { ...kept.content, draftMessageId: id } });
        return;
      }
      const fromEmail = account.name.includes('@') ? account.name : '';
      let content = emptyDraft({ name: null, email: fromEmail });
      let rich = false;
      let partialQuote = false;
      if (init.emailId && init.mode !== 'new') {
        const original = await readOriginal(db, accountId, init.emailId);
        if (original) {
          const { email, body, text } = original;
          addressedTo.current = [...(email.to ?? []), ...(email.cc ?? [])].map((a) => ({ name: a.name ?? null, email: a.email }));
          const replying = { ...email, replyTo: body?.replyTo ?? null, references: body?.references ?? null };
          const made = prefill(
            init.mode,
            replying,
            quoteSource(text),
            await ownAddresses(db, accountId, [account.name, account.username]),
            navigator.language,
          );
          // As an attachment the original travels whole: nothing of it is quoted.
          const asAttachment = init.mode === 'forward' && init.asAttachment === true && !!email.blobId;
          content = { ...content, ...made.content, ...(asAttachment ? { textBody: '', htmlBody: undefined } : {}) };
          content.answers = { emailId: email.id, keyword: init.mode === 'forward' ? '$forwarded' : '$answered' };
          if (init.mode === 'forward') content.attachments = forwardAttachments(email, body?.attachments ?? [], asAttachment);
          rich = made.rich && !asAttachment;
          partialQuote = text.partial && !asAttachment;
        }
      }
      const mailto = init.mode === 'new' && init.mailto ? parseMailto(init.mailto) : null;
      if (mailto) {
        content = { ...content, to: mailto.to, cc: mailto.cc, bcc: mailto.bcc, subject: mailto.subject, textBody: mailto.body };
        mailtoBad.current = mailto.bad;
      }
      setRow({ id: draftId, accountId, updatedAt: Date.now(), content, rich, ...(partialQuote ? { partialQuote } : {}) });
    })();
  }, [db, draftId, accountId, account.name, account.username, init.emailId, init.mode, init.mailto, init.asAttachment]);

  useEffect(() => {
    if (!row) return;
    // The bad chips a kept draft held, or what a mailto: URL held that is not an address.
    setFields(loadedFields(row.content, mailtoBad.current ?? row.badRecipients));
    mailtoBad.current = null;
    // Only when a draft is (re)loaded, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row?.id]);

  // Reply all leaves the person out: the address they send from and their identities,
  // both known only after the prefill (Cyrus names the account and its identity by the
  // bare username, so the From address may be the person's own typing).
  const myAddresses = [row?.content.from.email, ...(identities?.map((i) => i.email) ?? [])].filter((a) => a?.includes('@')).join(' ');
  useEffect(() => {
    if (init.mode === 'replyAll' && row && myAddresses) setFields((f) => withoutAddresses(f, ['cc'], myAddresses.split(' ')));
  }, [init.mode, row?.id, myAddresses]); // eslint-disable-line react-hooks/exhaustive-deps

  return { row, setRow, fields, setFields, addressedTo: addressedTo.current };
}
