import type { DraftRowContent } from './draft.ts';
import { size } from './uploadLimit.ts';

/** The files the message carries, each removable (an image shown in the text is not listed: it is removed there). */
export function AttachmentList({
  row,
  setRow,
  touch,
}: {
  row: DraftRowContent;
  setRow: (row: DraftRowContent) => void;
  touch: () => void;
}) {
  const files = row.content.attachments.filter((a) => !a.cid);
  if (files.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {files.map((a) => (
        <li key={a.outgoingBlobId ?? a.blobId}>
          {a.name} <span className="muted">{size(a.size)}</span>{' '}
          <button
            type="button"
            onClick={() => (
              setRow({ ...row, content: { ...row.content, attachments: row.content.attachments.filter((x) => x !== a) } }),
              touch()
            )}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
