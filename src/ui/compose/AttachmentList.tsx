import { readUploads } from '../../outbox/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import type { DraftRowContent } from './draft.ts';
import { size } from './uploadLimit.ts';
import { uploadWords } from './uploadWords.ts';
import './attachments.css';

/**
 * The files the message carries, each with its upload as it stands and removable (an
 * image shown in the text is not listed: it is removed there).
 */
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
  const ids = files.flatMap((a) => a.outgoingBlobId ?? []);
  const uploads = useLiveQuery(() => readUploads(mailDb(), ids), [ids.join(' ')]);
  if (files.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {files.map((a) => {
        const status = a.outgoingBlobId ? uploads?.[a.outgoingBlobId] : undefined;
        const words = uploadWords(status, navigator.onLine);
        return (
          <li key={a.outgoingBlobId ?? a.blobId}>
            {a.name} <span className="muted">{size(a.size)}</span>{' '}
            {status?.state === 'uploading' && <progress className="upload-progress" aria-label={`Uploading ${a.name}`} />}
            {words && (
              <span
                className={status?.state === 'failed' ? 'error upload-words' : 'muted upload-words'}
                role={status?.state === 'failed' ? 'alert' : undefined}
              >
                {words}
              </span>
            )}{' '}
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
        );
      })}
    </ul>
  );
}
