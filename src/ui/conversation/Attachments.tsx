import { useEffect, useRef, useState } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import { AttachmentName } from '../message/HeaderText.tsx';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { cachedBlobIds, partBlob, saveAs } from './partBlob.ts';

export function fileSize(bytes: number | undefined): string {
  if (!bytes) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Shown inside the app: raster images and PDF (Chromium's viewer runs PDFs in its own
 * sandboxed process). Never SVG or HTML: those can carry script, and a blob: URL made
 * here would run it with this origin's rights.
 */
const PREVIEWABLE = /^image\/(png|jpeg|gif|webp|avif|bmp)$|^application\/pdf$/;

/** A message's attachments: name (extension always visible), type, size, offline mark, download, preview. */
export function Attachments({ accountId, parts }: { accountId: string; parts: readonly EmailBodyPart[] }) {
  const files = parts.filter((p) => p.blobId && !(p.disposition === 'inline' && p.cid));
  const blobIds = files.map((p) => p.blobId!);
  const cached = useLiveQuery(() => cachedBlobIds(accountId, blobIds), [accountId, blobIds.join()]);
  const [preview, setPreview] = useState<{ part: EmailBodyPart; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!files.length) return null;

  const run = async (part: EmailBodyPart, show: boolean) => {
    setProblem(null);
    try {
      const blob = await partBlob(accountId, part);
      if (!show) return saveAs(blob, part.name ?? 'attachment');
      // The type the message declares, not a guess from the bytes (see PREVIEWABLE).
      const typed = new Blob([blob], { type: part.type ?? 'application/octet-stream' });
      setPreview({ part, url: URL.createObjectURL(typed) });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

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
                {offline ? ' · available offline' : ''}
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
        <Preview
          part={preview.part}
          url={preview.url}
          onClose={() => {
            URL.revokeObjectURL(preview.url);
            setPreview(null);
          }}
        />
      )}
    </>
  );
}

function Preview({ part, url, onClose }: { part: EmailBodyPart; url: string; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  const name = part.name ?? 'attachment';
  return (
    <dialog ref={dialog} className="attachment-preview" aria-label={`Preview of ${name}`} onClose={onClose}>
      <header className="compose-head">
        <h2 className="preview-title">
          <AttachmentName name={name} />
        </h2>
        <button type="button" onClick={onClose}>Close</button>
      </header>
      {part.type === 'application/pdf' ? (
        <iframe className="preview-pdf" src={url} title={`PDF: ${name}`} />
      ) : (
        <img className="preview-image" src={url} alt={name} />
      )}
    </dialog>
  );
}
