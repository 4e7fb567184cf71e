/**
 * Storage running short (src/sync pressure.ts, through the real Dexie store): what is
 * outside the offline choice goes first, then attachments stored longest ago, then the
 * oldest mail's text; the search index lets go of the words of evicted text (the message
 * is still found by its subject); the outbox, drafts, outgoing files and metadata stay.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { body, email, mailbox, thread, uniqueDbName } from '../../testing/records.ts';
import type { BodyRecord, SyncProgress } from '../sync/cache.ts';
import { DEFAULT_SYNC_OPTIONS, type OfflineScope, type StepContext } from '../sync/context.ts';
import { makeRoom } from '../sync/pressure.ts';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { indexMirror } from './searchIndexer.ts';
import { searchDevice } from './searchQuery.ts';

let db: MailDb;
afterEach(() => db?.close());

const A = 'A';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

function withText(id: string, ms: number, text: string, files: string[]): BodyRecord {
  return {
    ...body(A, id, ms, 1000),
    textBody: [{ partId: '1', type: 'text/plain' } as never],
    bodyValues: { '1': { value: text } as never },
    attachments: files.map((blobId) => ({ partId: blobId, blobId, size: 1000, type: 'text/plain', name: `${blobId}.txt` }) as never),
  };
}

describe('EvictionGoesOutsideScopeThenAttachmentsThenBodies', () => {
  it('frees storage in the order the person loses least, and the index follows', async () => {
    db = new MailDb(uniqueDbName('pressure'));
    const cache = new DexieSyncCache(db);
    await db.accounts.put({ id: A, sessionUrl: 'x', username: 'u', name: 'u', addedAt: 0 } as never);
    const scope: OfflineScope = {
      leftOut: ['lists'],
      windowDays: null,
      budgetBytes: 1e9,
      attachmentMaxBytes: 5e6,
      attachmentWindowDays: 30,
    };
    const ctx: StepContext = {
      client: {} as never,
      cache,
      accountId: A,
      signal: new AbortController().signal,
      options: { ...DEFAULT_SYNC_OPTIONS, scope: async () => scope },
      now: () => NOW,
    };
    const mail = [
      { ...email(A, 'e1', 't1', ['inbox'], NOW - 60 * DAY), subject: 'Heron minutes' },
      { ...email(A, 'e2', 't2', ['inbox'], NOW - 2 * DAY), hasAttachment: true },
      { ...email(A, 'e4', 't4', ['inbox'], NOW - 1 * DAY), hasAttachment: true },
      { ...email(A, 'e3', 't3', ['lists'], NOW - 1 * DAY), hasAttachment: true },
    ];
    const progress: SyncProgress = {
      accountId: A,
      gen: 1,
      listing: { state: 'done', anchorId: null, position: 4, total: 4, startedAt: 0, finishedAt: 1 },
      bodies: { state: 'done', done: 3, total: 3, bytes: 3000, budgetBytes: 1e9, finishedAt: 1 },
    };
    await cache.apply(A, {
      mailboxes: { put: [mailbox(A, 'inbox', 3), mailbox(A, 'lists', 1)] },
      emails: { put: mail },
      threads: { put: mail.map((e) => thread(A, e.threadId, [e.id])) },
      bodies: {
        put: [
          withText('e1', NOW - 60 * DAY, 'the kestrel budget', []),
          withText('e2', NOW - 2 * DAY, 'two', ['x2']),
          withText('e4', NOW - 1 * DAY, 'four', ['x4']),
          // Outside the choice (a folder left out), kept because it was opened online.
          withText('e3', NOW - 1 * DAY, 'three', ['x3']),
        ],
      },
      progress,
    });
    for (const id of ['x2', 'x4', 'x3']) {
      await cache.putBlob(A, { blobId: id, type: 'text/plain', size: 1000, data: new Uint8Array(1000).buffer });
      await new Promise((r) => setTimeout(r, 3));
    }
    // What must never go.
    await db.outbox.put({ id: 'i1', accountId: A, createdAt: 1 } as never);
    await db.drafts.put({ id: 'd1', accountId: A, updatedAt: 1 } as never);
    await db.outgoingBlobs.put({ id: 'o1', intentId: 'i1', accountId: A } as never);
    await indexMirror(db, A);
    expect((await searchDevice(db, A, 'kestrel')).emailIds).toEqual(['e1']);

    const kept = async () => ({
      bodies: (await db.bodies.toArray()).map((b) => b.emailId).sort(),
      blobs: await cache.blobIds(A),
    });

    // 1. Outside the choice first, all of it: e3's text and x3.
    expect(await makeRoom(ctx, 5500)).toEqual({ outside: 2, attachments: 0, bodies: 0 });
    expect(await kept()).toEqual({ bodies: ['e1', 'e2', 'e4'], blobs: ['x2', 'x4'] });

    // 2. Attachments, the one stored longest ago first.
    expect(await makeRoom(ctx, 4500)).toEqual({ outside: 0, attachments: 1, bodies: 0 });
    expect(await kept()).toEqual({ bodies: ['e1', 'e2', 'e4'], blobs: ['x4'] });

    // 3. Every attachment before any text; then the oldest mail's text.
    expect(await makeRoom(ctx, 2500)).toEqual({ outside: 0, attachments: 1, bodies: 1 });
    expect(await kept()).toEqual({ bodies: ['e2', 'e4'], blobs: [] });
    expect((await cache.getProgress(A))?.pressure).toEqual({ at: NOW, outside: 0, attachments: 1, bodies: 1 });

    // The index: the evicted text's words find nothing; its subject still finds it.
    const run = await indexMirror(db, A);
    // e3 (outside the choice) and e1 (the oldest).
    expect(run.textEvicted).toBe(2);
    expect((await searchDevice(db, A, 'kestrel')).emailIds).toEqual([]);
    expect((await searchDevice(db, A, 'heron')).emailIds).toEqual(['e1']);

    // Never the outbox, drafts, outgoing files or metadata.
    expect([await db.outbox.count(), await db.drafts.count(), await db.outgoingBlobs.count(), await db.emails.count()]).toEqual([
      1, 1, 1, 4,
    ]);
  });
});
