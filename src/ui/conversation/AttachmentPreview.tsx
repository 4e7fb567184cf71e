/**
 * An attachment shown inside the app, in a modal dialog: a raster image re-typed from
 * its bytes (or an SVG drawn as PNG, see safeImage.ts), or a PDF drawn page by page by
 * pdf.js with no document script (PdfPreview). Nothing from the mail is ever put on this
 * origin as a document: no iframe of the file, no blob: URL typed as the mail said.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import type { EmailBodyPart } from '../../jmap/index.ts';
import { AttachmentName } from '../message/HeaderText.tsx';
import { renderableImage } from '../message/safeImage.ts';

const PdfPreview = lazy(() => import('./PdfPreview.tsx').then((m) => ({ default: m.PdfPreview })));

/** What the app offers to preview, by the declared type; the bytes still decide (see below). */
export const PREVIEWABLE = /^image\/(png|jpeg|gif|webp|avif|bmp|svg\+xml)$|^application\/pdf$/i;

export type Shown = { kind: 'image'; url: string } | { kind: 'pdf'; data: ArrayBuffer };

const isPdf = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-');

/** The preview of these bytes, or a sentence saying why there is none. */
export async function previewOf(part: EmailBodyPart, blob: Blob): Promise<Shown | string> {
  const name = part.name ?? 'This attachment';
  if (/^application\/pdf$/i.test(part.type ?? '')) {
    const data = await blob.arrayBuffer();
    if (isPdf(new Uint8Array(data))) return { kind: 'pdf', data };
    return `“${name}” is not the PDF it claims to be, so it is not shown here. Download it to open it with another program.`;
  }
  const image = await renderableImage(blob);
  if (!image) return `“${name}” is not an image the app can show. Download it to open it with another program.`;
  return { kind: 'image', url: URL.createObjectURL(image) };
}

export function AttachmentPreview({ part, shown, onClose }: { part: EmailBodyPart; shown: Shown; onClose(): void }) {
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
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {shown.kind === 'pdf' ? (
        <Suspense fallback={<p className="muted">Loading the PDF viewer…</p>}>
          <PdfPreview data={shown.data} name={name} />
        </Suspense>
      ) : (
        <img className="preview-image" src={shown.url} alt={name} />
      )}
    </dialog>
  );
}
