/**
 * Images in the message itself (pasted or dropped into the rich editor): shown at once
 * from a blob: URL of their bytes, kept on this device like attachments (an attachment
 * with a `cid`), and sent as `cid:` references beside the HTML (src/outbox bodyParts.ts).
 *
 * The editor holds blob: URLs; what is kept and sent holds `cid:<cid>`: `outgoingHtml`
 * turns one into the other, and a kept draft opened again gets its URLs back from the
 * bytes on this device. Only raster images go inline: an SVG (a document that can run
 * script if its blob: URL were opened) is attached as a file instead. The URLs are the
 * person's own bytes, never mail's, and are revoked when the window closes.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { DraftAttachment } from '../../outbox/index.ts';
import { partBlob } from '../conversation/partBlob.ts';
import { mailDb } from '../data/db.ts';
import { renderableImage } from '../message/safeImage.ts';
import { cleanOutgoingHtml } from './draft.ts';

const RASTER = /^image\/(?:png|jpeg|gif|webp|avif|bmp)$/i;

/** Whether a file is shown in the message rather than attached. */
export const showsInline = (file: { type: string }) => RASTER.test(file.type);

export function newCid(): string {
  return `${crypto.randomUUID()}@inline`;
}

export function useInlineImages(accountId: string, attachments: readonly DraftAttachment[], editor: RefObject<HTMLDivElement | null>) {
  const db = mailDb();
  // cid -> blob: URL shown in the editor; every inline image this window knew (an image
  // deleted and brought back by undo is still sent: it is found here).
  const urls = useRef(new Map<string, string>());
  const known = useRef(new Map<string, DraftAttachment>());
  for (const a of attachments) if (a.cid && !known.current.has(a.cid)) known.current.set(a.cid, a);
  useEffect(() => {
    const made = urls.current;
    return () => made.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  /** Shows a kept image at the caret (execCommand: the editor's own undo takes it back). */
  const place = (attachment: DraftAttachment, bytes: Blob) => {
    const url = URL.createObjectURL(bytes);
    urls.current.set(attachment.cid!, url);
    known.current.set(attachment.cid!, attachment);
    editor.current?.focus();
    document.execCommand('insertImage', false, url);
  };

  /**
   * A kept draft's `cid:` images in the editor get their bytes: from this device, or for
   * a draft written elsewhere from the server (through the host, kept for offline). Those
   * are mail's bytes: shown only as renderableImage re-types them (src/ui/message).
   */
  const showKept = (el: HTMLElement) => {
    for (const img of Array.from(el.querySelectorAll('img'))) {
      const cid = img.getAttribute('src')?.replace(/^cid:/, '') ?? '';
      const a = known.current.get(cid);
      const bytes = a?.outgoingBlobId
        ? db.outgoingBlobs.get(a.outgoingBlobId).then((row) => {
            const kept = (row as { bytes?: Uint8Array } | undefined)?.bytes;
            return kept ? new Blob([kept as BlobPart], { type: a.type }) : null;
          })
        : a?.blobId
          ? partBlob(accountId, { blobId: a.blobId, type: a.type, name: a.name }).then(renderableImage)
          : null;
      void bytes
        ?.then((blob) => {
          if (!blob || img.getAttribute('src') !== `cid:${cid}`) return;
          const url = URL.createObjectURL(blob);
          urls.current.set(cid, url);
          img.setAttribute('src', url);
        })
        // Not to be had (offline, never opened here): the image stays out of sight, and is still sent.
        .catch(() => undefined);
    }
  };

  /**
   * The editor's HTML as sent (`cid:` for its images; any other image left out) and the
   * attachments with every inline image this window knew: one deleted from the text is
   * neither uploaded nor sent (src/outbox bodyParts `leftOut`), and its bytes go with the send.
   */
  const outgoing = (el: HTMLElement, files: readonly DraftAttachment[]) => {
    const clone = el.cloneNode(true) as HTMLElement;
    const byUrl = new Map([...urls.current].map(([cid, url]) => [url, cid]));
    for (const img of Array.from(clone.querySelectorAll('img'))) {
      const cid = byUrl.get(img.getAttribute('src') ?? '');
      if (cid) img.setAttribute('src', `cid:${cid}`);
    }
    const html = cleanOutgoingHtml(clone.innerHTML, new Set(known.current.keys()));
    return { html, attachments: [...files.filter((a) => !a.cid), ...known.current.values()] };
  };

  return { place, showKept, outgoing, known: known.current };
}
