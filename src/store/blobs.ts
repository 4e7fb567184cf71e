/**
 * Cached attachment bytes (evictable). The UI stores what it downloaded so the attachment
 * opens offline; the running total in `usage` lets a budget evict the oldest first.
 */
import type { MailDb } from './db.ts';
import { accountRange, MIN_KEY, maxKey } from './keys.ts';
import type { BlobRow } from './rows.ts';

async function addBlobUsage(db: MailDb, accountId: string, delta: number): Promise<void> {
  const row = (await db.usage.get(accountId)) ?? { accountId, bodyBytes: 0, blobBytes: 0 };
  row.blobBytes = Math.max(0, row.blobBytes + delta);
  await db.usage.put(row);
}

export function putBlob(db: MailDb, row: Omit<BlobRow, 'storedAt'> & { storedAt?: number }): Promise<void> {
  return db.transaction('rw', [db.blobs, db.usage], async () => {
    const old = await db.blobs.get([row.accountId, row.blobId]);
    await db.blobs.put({ ...row, storedAt: row.storedAt ?? Date.now() });
    await addBlobUsage(db, row.accountId, row.size - (old?.size ?? 0));
  });
}

export function getBlob(db: MailDb, accountId: string, blobId: string): Promise<BlobRow | undefined> {
  return db.blobs.get([accountId, blobId]);
}

export async function blobBytes(db: MailDb, accountId: string): Promise<number> {
  return (await db.usage.get(accountId))?.blobBytes ?? 0;
}

/** Deletes the blobs stored longest ago until at most `budgetBytes` remain; returns bytes left. */
export function evictBlobs(db: MailDb, accountId: string, budgetBytes: number): Promise<number> {
  return db.transaction('rw', [db.blobs, db.usage], async () => {
    const total = (await db.usage.get(accountId))?.blobBytes ?? 0;
    if (total <= budgetBytes) return total;
    let freed = 0;
    const victims: [string, string][] = [];
    await db.blobs
      .where('[accountId+storedAt]')
      .between([accountId, MIN_KEY], [accountId, maxKey()])
      .until(() => total - freed <= budgetBytes)
      .each((b) => {
        victims.push([accountId, b.blobId]);
        freed += b.size;
      });
    await db.blobs.bulkDelete(victims);
    await addBlobUsage(db, accountId, -freed);
    return total - freed;
  });
}

/** Every blob of the account (for a storage panel). */
export function listBlobs(db: MailDb, accountId: string): Promise<BlobRow[]> {
  const [lo, hi] = accountRange(accountId);
  return db.blobs.where(':id').between(lo, hi).toArray();
}
