import { useEffect, useState } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import { AttachmentName } from '../message/HeaderText.tsx';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { AttachmentPreview, PREVIEWABLE, previewOf, type Shown } from './AttachmentPreview.tsx';
import { cachedBlobIds, NotOnDeviceError, partBlob, saveAs, type PartOf } from './partBlob.ts';

export function fileSize(bytes: number | undefined): string {
  if (!bytes) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** While the server cannot be reached, an attachment asked for is asked for again this often. */
const RETRY_MS = 5_000;

/**
 * A message's attachments: name (extension always visible), type, size, offline mark,
 * download, preview. `load` gives the bytes of parts read on this device (an attached
 * message read offline); else they are the server's (partBlob).
 */
export function Attachments({
  accountId,
  parts,
  load,
  of,
}: {
  accountId: string;
  parts: readonly EmailBodyPart[];
  load?: ((part: EmailBodyPart) => Promise<Blob>) | undefined;
  /** The message they belong to: offline, what is not on the device says why. */
  of?: PartOf;
}) {
  const files = parts.filter((p) => p.blobId && !(p.disposition === 'inline' && p.cid));
  const blobIds = files.map((p) => p.blobId!);
  const cached = useLiveQuery(() => cachedBlobIds(accountId, blobIds), [accountId, blobIds.join()]);
  const [preview, setPreview] = useState<{ part: EmailBodyPart; shown: Shown } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Asked for while it could not be fetched: done by itself once the network or the server is back. */
  const [pending, setPending] = useState<{ part: EmailBodyPart; show: boolean; reach: NotOnDeviceError['reach'] } | null>(null);
  const run = async (part: EmailBodyPart, show: boolean) => {
    try {
      const blob = await (load ? load(part) : partBlob(accountId, part, of));
      setPending(null);
      setProblem(null);
      if (!show) return saveAs(blob, part.name ?? 'attachment');
      const shown = await previewOf(part, blob);
      if (typeof shown === 'string') setProblem(shown);
      else setPreview({ part, shown });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setPending(error instanceof NotOnDeviceError ? { part, show, reach: error.reach } : null);
    }
  };
  useEffect(() => {
    if (!pending) return;
    const again = () => void run(pending.part, pending.show);
    window.addEventListener('online', again);
    const timer = pending.reach === 'unreachable' ? setInterval(again, RETRY_MS) : undefined;
    return () => {
      window.removeEventListener('online', again);
      clearInterval(timer);
    };
  });
  if (!files.length) return null;

  return (
    <>
      <ul className="attachments" aria-label="Attachments">
        {files.map((p) => {
          const name = p.name ?? 'attachment';
          const offline = cached?.has(p.blobId!);
          return (
            <li key={p.partId ?? p.blobId}>
              <span className="attachment-name">
                <AttachmentName name={name} />
              </span>{' '}
              <span className="muted small">
                {p.type} {fileSize(p.size)}
                {offline || load ? ' · available offline' : ''}
              </span>{' '}
              <button type="button" onClick={() => void run(p, false)} aria-label={`Download ${name}`}>
                Download
              </button>
              {PREVIEWABLE.test(p.type ?? '') && (
                <button type="button" onClick={() => void run(p, true)} aria-label={`Preview ${name}`}>
                  Preview
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {problem && (
        <p className="notice-inline" role="alert">
          {problem}
        </p>
      )}
      {preview && (
        <AttachmentPreview
          part={preview.part}
          shown={preview.shown}
          onClose={() => {
            if (preview.shown.kind === 'image') URL.revokeObjectURL(preview.shown.url);
            setPreview(null);
          }}
        />
      )}
    </>
  );
}
