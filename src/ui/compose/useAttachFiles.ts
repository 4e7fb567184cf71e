import type { ClipboardEvent, DragEvent, RefObject } from 'react';
import { putOutgoingBlob } from '../../outbox/index.ts';
import { mailDb } from '../data/db.ts';
import type { DraftRowContent } from './draft.ts';
import { tooLarge, useUploadLimit } from './uploadLimit.ts';
import { newCid, showsInline, type useInlineImages } from './useInlineImages.ts';

/**
 * Files attached (picked, dropped, pasted; an image pasted or dropped into the rich editor
 * is shown in the text, useInlineImages.ts): their bytes kept on this device until sent
 * (src/outbox putOutgoingBlob), each one over the server's upload limit refused in words
 * before anything is kept.
 */
export function useAttachFiles(
  accountId: string,
  row: DraftRowContent | null,
  setRow: (row: DraftRowContent) => void,
  touch: () => void,
  setError: (words: string | null) => void,
  inline: ReturnType<typeof useInlineImages>,
) {
  const db = mailDb();
  const uploadLimit = useUploadLimit(accountId);
  /** `inMessage`: pasted or dropped into the rich editor, where an image is shown in the text. */
  return async (files: FileList | File[], inMessage = false) => {
    if (!row) return;
    const list = Array.from(files);
    // Told before anything is kept or uploaded: the server would refuse it at send.
    const refused = tooLarge(list, uploadLimit);
    setError(refused);
    const added = [];
    for (const f of list) {
      if (uploadLimit && f.size > uploadLimit) continue;
      const id = await putOutgoingBlob(db, f, { accountId, name: f.name || 'pasted', type: f.type });
      const attachment = { outgoingBlobId: id, name: f.name || 'pasted', type: f.type || 'application/octet-stream', size: f.size };
      if (inMessage && showsInline(f)) {
        const image = { ...attachment, cid: newCid() };
        inline.place(image, f);
        added.push(image);
      } else added.push(attachment);
    }
    setRow({ ...row, content: { ...row.content, attachments: [...row.content.attachments, ...added] } });
    touch();
  };
}

/**
 * The window's drop and paste handlers: files dropped or pasted anywhere in it are
 * attached; into the rich editor, an image goes in the text where it was let go or pasted.
 */
export function filesDroppedOrPasted(
  addFiles: (files: FileList, inMessage: boolean) => Promise<void>,
  rich: boolean,
  editor: RefObject<HTMLDivElement | null>,
) {
  const inMessage = (target: EventTarget) => rich && target instanceof Node && !!editor.current?.contains(target);
  return {
    onDragOver: (e: DragEvent) => e.preventDefault(),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      if (!e.dataTransfer.files.length) return;
      // The caret where the image was let go, so it lands there in the text.
      const at = inMessage(e.target) ? document.caretRangeFromPoint?.(e.clientX, e.clientY) : null;
      if (at) document.getSelection()?.setBaseAndExtent(at.startContainer, at.startOffset, at.startContainer, at.startOffset);
      void addFiles(e.dataTransfer.files, inMessage(e.target));
    },
    onPaste: (e: ClipboardEvent) => {
      if (!e.clipboardData.files.length) return;
      e.preventDefault();
      void addFiles(e.clipboardData.files, inMessage(e.target));
    },
  };
}
