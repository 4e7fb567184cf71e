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
