/**
 * "Show original": the message as the server keeps it (its blob, RFC 5322 bytes), headers
 * and source as text, and a download as .eml. From the offline cache when there (partBlob),
 * else through the host's `blob` request. Shown as text only: never markup, never a
 * document (the download is typed octet-stream, partBlob.ts saveAs).
 */
import { useEffect, useRef, useState } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import type { EmailRecord } from '../../sync/index.ts';
import { partBlob, saveAs } from './partBlob.ts';

/** Shown at most (a message with large attachments is mostly base64): the rest is in the download. */
const SHOWN_BYTES = 1_000_000;

export const emlName = (email: EmailRecord) => `${(email.subject || 'message').replace(/[\\/:*?"<>|]+/g, ' ').slice(0, 80)}.eml`;

export function originalBlob(accountId: string, email: EmailRecord): Promise<Blob> {
  if (!email.blobId) return Promise.reject(new Error('The server gave no download for this message.'));
  return partBlob(accountId, { blobId: email.blobId, name: emlName(email), type: 'message/rfc822', size: email.size } as EmailBodyPart);
}

/** The header block and the source as text (8-bit bytes that are not UTF-8 show as replacement characters). */
export function splitOriginal(bytes: Uint8Array): { headers: string; source: string; cut: boolean } {
  const source = new TextDecoder('utf-8').decode(bytes.subarray(0, SHOWN_BYTES));
  const end = source.search(/\r?\n\r?\n/);
  return { headers: end < 0 ? source : source.slice(0, end), source, cut: bytes.length > SHOWN_BYTES };
}

export function ShowOriginal({ accountId, email }: { accountId: string; email: EmailRecord }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ blob: Blob; text: ReturnType<typeof splitOriginal> } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    dialog.current?.showModal?.();
    let live = true;
    originalBlob(accountId, email)
      .then(async (blob) => {
        const text = splitOriginal(new Uint8Array(await blob.arrayBuffer()));
        if (live) setShown({ blob, text });
      })
      .catch((error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [open, accountId, email]);
  const close = () => {
    dialog.current?.close?.();
    setOpen(false);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Show original
      </button>
      {open && (
        <dialog ref={dialog} className="original" aria-labelledby={`original-${email.id}`} onClose={close}>
          <h2 id={`original-${email.id}`}>Original message</h2>
          {problem ? (
            <p className="notice-inline" role="alert">
              {problem}
            </p>
          ) : !shown ? (
            <p className="muted">Loading the original…</p>
          ) : (
            <>
              <h3>Headers</h3>
              <pre className="original-headers">{shown.text.headers}</pre>
              <h3>Source{shown.text.cut ? ' (the first 1 MB; the download has all of it)' : ''}</h3>
              <pre className="original-source">{shown.text.source}</pre>
              <button type="button" onClick={() => saveAs(shown.blob, emlName(email))}>
                Download .eml
              </button>
            </>
          )}
          <button type="button" onClick={close}>
            Close
          </button>
        </dialog>
      )}
    </>
  );
}
