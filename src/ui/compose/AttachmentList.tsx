import type { DraftRowContent } from './draft.ts';
import { size } from './uploadLimit.ts';

/** The files the message carries, each removable. */
export function AttachmentList({
  row,
  setRow,
  touch,
}: {
  row: DraftRowContent;
  setRow: (row: DraftRowContent) => void;
  touch: () => void;
}) {
  if (row.content.attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {row.content.attachments.map((a) => (
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
