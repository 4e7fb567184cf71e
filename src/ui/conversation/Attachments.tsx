import type { EmailBodyPart } from '../../jmap/index.ts';
import { AttachmentName } from '../message/HeaderText.tsx';
import { mailDb } from '../data/db.ts';
import { clientFor } from '../data/session.ts';
import { getBlob, putBlob } from '../../store/index.ts';

function size(bytes: number | undefined): string {
  if (!bytes) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The bytes of a part: from the offline cache, else downloaded (and cached). */
async function partBlob(accountId: string, part: EmailBodyPart): Promise<Blob> {
  const db = mailDb();
  const type = part.type ?? 'application/octet-stream';
  const cached = await getBlob(db, accountId, part.blobId!);
  if (cached) return cached.data instanceof Blob ? cached.data : new Blob([cached.data], { type });
  const client = await clientFor(db, accountId);
  const blob = await client.download(part.blobId!, { name: part.name ?? 'attachment', type, accountId });
  // Kept for offline use (evictable, oldest first); a full disk only means no cache.
  await putBlob(db, { accountId, blobId: part.blobId!, type, size: blob.size, data: await blob.arrayBuffer() }).catch(() => undefined);
  return blob;
}

async function open(accountId: string, part: EmailBodyPart, preview: boolean): Promise<void> {
  const blob = await partBlob(accountId, part);
  const url = URL.createObjectURL(blob);
  if (preview) window.open(url, '_blank', 'noopener');
  else {
    const a = document.createElement('a');
    a.href = url;
    a.download = part.name ?? 'attachment';
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Attachments({ accountId, parts }: { accountId: string; parts: readonly EmailBodyPart[] }) {
  const files = parts.filter((p) => p.blobId && p.disposition !== 'inline');
  if (!files.length) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {files.map((p) => {
        const previewable = /^image\/(png|jpeg|gif|webp)$|^application\/pdf$/.test(p.type ?? '');
        return (
          <li key={p.partId ?? p.blobId}>
            <AttachmentName name={p.name ?? 'attachment'} /> <span className="muted">{p.type} {size(p.size)}</span>{' '}
            <button type="button" onClick={() => void open(accountId, p, false).catch((e: unknown) => alert(`Could not download: ${e instanceof Error ? e.message : e}`))}>
              Download
            </button>
            {previewable && (
              <button type="button" onClick={() => void open(accountId, p, true).catch((e: unknown) => alert(`Could not open: ${e instanceof Error ? e.message : e}`))}>
                Preview
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
