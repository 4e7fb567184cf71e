/**
 * The From of a compose window: one of the account's identities (from.ts decides which,
 * and its address when the server gives none), and the signature that follows it. A new
 * message or reply is signed once the identity is chosen; switching From swaps the
 * signature block while the person has not changed it (plain text: the block's text;
 * rich text: the block's paragraph in the editor). A kept draft keeps its From and words.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Identity } from '../../jmap/index.ts';
import { readSetting, sendingAddressOf, signatureOf, writeSetting, type AccountRow } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import type { Recipient } from './addresses.ts';
import type { DraftRowContent } from './draft.ts';
import { fromAddress, fromWords, pickIdentity, swapSignature, withSignature, type FromAddress } from './from.ts';

type SetRow = (next: (row: DraftRowContent | null) => DraftRowContent | null) => void;

/** Marks the signature paragraph the editor holds (kept only while the window is open). */
const SIGNATURE_ATTR = 'data-signature';

function signatureParagraph(signature: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.setAttribute(SIGNATURE_ATTR, '');
  const lines = ['-- ', ...signature.trim().split('\n')];
  lines.forEach((line, i) => {
    if (i) p.append(document.createElement('br'));
    p.append(line);
  });
  return p;
}

/** Rich text: the signature paragraph put in, swapped or taken out; false when the person changed it. */
function swapInEditor(editor: HTMLElement, before: string, after: string): boolean {
  const old = editor.querySelector(`[${SIGNATURE_ATTR}]`);
  if (old && old.textContent !== signatureParagraph(before).textContent) return false;
  const next = after.trim() ? signatureParagraph(after) : null;
  if (old) {
    if (next) old.replaceWith(next);
    else old.remove();
  } else if (next) {
    // Above the quote: after the empty line the person writes in.
    const first = editor.firstElementChild;
    if (first && !first.textContent?.trim()) first.after(next);
    else editor.append(next);
  }
  return true;
}

export interface FromChoice {
  identities: readonly Identity[];
  identityId: string | undefined;
  from: FromAddress | null;
  /** What the composer says about the From (an identity without an address), or null. */
  words: string | null;
  choose(identityId: string): void;
  /** The address typed for an identity the server gives none; remembered on this device. */
  give(address: string): void;
}

export function useFrom(
  account: AccountRow,
  identities: readonly Identity[] | undefined,
  row: DraftRowContent | null,
  setRow: SetRow,
  addressedTo: readonly Recipient[],
  editor: RefObject<HTMLDivElement | null>,
  keptDraft: boolean,
): FromChoice {
  const db = mailDb();
  const accountId = account.id;
  const [from, setFrom] = useState<FromAddress | null>(null);
  const signature = useRef<string | null>(null);
  const started = useRef(false);
  const list = identities ?? [];

  const resolve = async (identity: Identity) => {
    const given = await readSetting(db, sendingAddressOf(accountId, identity.id));
    const kept = await readSetting(db, signatureOf(accountId, identity.id));
    return { address: fromAddress(identity, account.username, given), signature: (kept ?? identity.textSignature ?? '').trim() };
  };

  const apply = (identity: Identity, address: FromAddress, before: string | null, after: string) => {
    setFrom(address);
    setRow((r) => {
      if (!r) return r;
      let textBody = r.content.textBody;
      if (before !== null) {
        const rich = r.rich && editor.current;
        if (rich) swapInEditor(editor.current!, before, after);
        else textBody = (before === '' ? withSignature(textBody, after) : swapSignature(textBody, before, after)) ?? textBody;
      }
      return {
        ...r,
        content: { ...r.content, textBody, from: { name: identity.name || null, email: address.email }, identityId: identity.id },
      };
    });
    if (before !== null) signature.current = after;
  };

  // Once the identities and the draft are both there: choose, and sign a new message.
  const ready = !!row && list.length > 0;
  useEffect(() => {
    if (!ready || started.current || !row) return;
    started.current = true;
    const keptIdentity = keptDraft ? list.find((i) => i.id === row.content.identityId) : undefined;
    const identity = keptIdentity ?? pickIdentity(list, addressedTo)!;
    void resolve(identity).then(({ address, signature: sig }) => {
      if (keptDraft) {
        // A kept draft holds its signature already (or the person took it out).
        signature.current = keptIdentity ? sig : null;
        // A draft's own From (one from the server, written on another device) stays when
        // this device has no address for the identity.
        const kept: FromAddress =
          address.source === 'ask' && row.content.from.email ? { email: row.content.from.email, source: 'given' } : address;
        setFrom(kept);
        if (!keptIdentity) apply(identity, kept, null, sig);
        return;
      }
      apply(identity, address, '', sig);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  const choose = (identityId: string) => {
    const identity = list.find((i) => i.id === identityId);
    if (!identity) return;
    const before = signature.current;
    void resolve(identity).then(({ address, signature: after }) => apply(identity, address, before, after));
  };

  const give = (address: string) => {
    const identityId = row?.content.identityId;
    setFrom({ email: address, source: 'given' });
    setRow((r) => (r ? { ...r, content: { ...r.content, from: { ...r.content.from, email: address } } } : r));
    if (identityId) void writeSetting(db, sendingAddressOf(accountId, identityId), address.trim() || null);
  };

  return {
    identities: list,
    identityId: row?.content.identityId,
    from,
    words: from ? fromWords(from, account.username) : null,
    choose,
    give,
  };
}
