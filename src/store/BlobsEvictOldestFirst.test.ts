import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { blobBytes, evictBlobs, getBlob, listBlobs, putBlob } from './blobs.ts';
import { MailDb } from './db.ts';
import { uniqueDbName } from '../../testing/records.ts';

let db: MailDb;
afterEach(() => db?.close());

describe('attachment blobs', () => {
  it('keep a running byte total and evict the ones stored longest ago first', async () => {
    db = new MailDb(uniqueDbName('blobs'));
    const bytes = (n: number) => new Uint8Array(n).buffer;
    await putBlob(db, { accountId: 'A', blobId: 'b1', type: 'image/png', size: 300, data: bytes(300), storedAt: 1 });
    await putBlob(db, { accountId: 'A', blobId: 'b2', type: 'image/png', size: 300, data: bytes(300), storedAt: 2 });
    await putBlob(db, { accountId: 'A', blobId: 'b3', type: 'image/png', size: 300, data: bytes(300), storedAt: 3 });
    await putBlob(db, { accountId: 'B', blobId: 'b1', type: 'image/png', size: 999, data: bytes(999), storedAt: 0 });
    // Storing the same blob again replaces its size in the total rather than adding it.
    await putBlob(db, { accountId: 'A', blobId: 'b3', type: 'image/png', size: 200, data: bytes(200), storedAt: 3 });
    expect(await blobBytes(db, 'A')).toBe(800);
    expect(await evictBlobs(db, 'A', 500)).toBe(500);
    expect((await listBlobs(db, 'A')).map((b) => b.blobId)).toEqual(['b2', 'b3']);
    expect(await getBlob(db, 'B', 'b1')).toBeDefined();
    expect(await blobBytes(db, 'B')).toBe(999);
  });
});
