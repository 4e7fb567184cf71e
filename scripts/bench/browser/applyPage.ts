/**
 * Runs in the page (loaded through Vite): the store's apply() alone, no server, no
 * network. `total` synthetic messages are written in chunks of `chunk` as the listing
 * writes them (emails + their threads, one transaction per chunk), and each chunk's time
 * is recorded, so growth with the table size shows by itself.
 */
import { DexieSyncCache, MailDb } from '../../../src/store/index.ts';
import type { EmailRecord, ThreadRecord } from '../../../src/sync/index.ts';

export async function runApplyBench(args: { total: number; chunk: number }): Promise<Record<string, unknown>> {
  const db = new MailDb(`apply-bench-${Date.now()}`);
  const cache = new DexieSyncCache(db);
  const A = 'acct';
  const now = Date.UTC(2026, 10, 22);
  const perChunk: number[] = [];
  // Threads of 1 to 3 messages, ids spread like a server's (not in insertion order).
  const threadOf = (i: number) => `T${((i * 2654435761) >>> 0).toString(36)}-${Math.floor(i / 3)}`;
  for (let start = 0; start < args.total; start += args.chunk) {
    const emails: EmailRecord[] = [];
    const threads = new Map<string, ThreadRecord>();
    for (let i = start; i < Math.min(args.total, start + args.chunk); i++) {
      const threadId = threadOf(i - (i % 3));
      const e: EmailRecord = {
        accountId: A,
        id: `M${((i * 40503) >>> 0).toString(36)}-${i}`,
        blobId: null,
        threadId,
        mailboxIds: { [i % 5 === 0 ? 'archive' : 'inbox']: true },
        keywords: i % 2 ? { $seen: true } : {},
        receivedAt: new Date(now - i * 60_000).toISOString(),
        receivedMs: now - i * 60_000,
        sentAt: null,
        from: [{ name: `Sender ${i % 97}`, email: `s${i % 97}@example.net` }],
        to: null,
        cc: null,
        subject: `Subject ${i}`,
        preview: 'A short preview of what this message says.',
        size: 2000,
        hasAttachment: false,
        messageId: null,
        gen: 1,
      };
      emails.push(e);
      const t = threads.get(threadId) ?? { accountId: A, id: threadId, emailIds: [], gen: 1 };
      t.emailIds.push(e.id);
      threads.set(threadId, t);
    }
    const t0 = performance.now();
    await cache.apply(A, { emails: { put: emails }, threads: { put: [...threads.values()] } });
    perChunk.push(performance.now() - t0);
  }
  const at = (rows: number) => {
    const i = Math.min(perChunk.length - 1, Math.floor(rows / args.chunk));
    const window = perChunk.slice(Math.max(0, i - 5), i + 1);
    return Math.round(window.reduce((a, b) => a + b, 0) / window.length);
  };
  const marks = [1_000, 10_000, 25_000, 50_000, 75_000, 100_000].filter((n) => n <= args.total);
  db.close();
  await MailDb.delete(db.name);
  return {
    total: args.total,
    chunk: args.chunk,
    totalSeconds: Math.round(perChunk.reduce((a, b) => a + b, 0) / 100) / 10,
    msPerChunkAt: Object.fromEntries(marks.map((n) => [n, at(n - 1)])),
  };
}
