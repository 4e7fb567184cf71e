/**
 * Outbox benchmark: 1,000 queued actions (flags, read/unread toggles, moves) on 500
 * messages, flushed against the demo server in this process: HTTP requests and time,
 * next to the actions' count. Figures, not assertions. `npx tsx scripts/bench/outbox.ts`
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect, type FetchLike } from '../../src/jmap/index.ts';
import { createFlusher, enqueue } from '../../src/outbox/index.ts';
import { startDemoServer } from '../../packages/demo-server/index.ts';
import { SyncEngine } from '../../src/sync/index.ts';
import { openMirror } from '../../testing/mirror/mirror.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';
import { roles } from '../../testing/roles.ts';

export async function benchOutbox(actions = 1000, messages = 500): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const server = await startDemoServer({ port: 0, dataDir, control: true, seed: false });
  try {
    const auth = { kind: 'basic' as const, username: 'alice', password: 'alice-password' };
    await ensureSeeded(await connect({ url: server.origin, auth }), 'bench-outbox', messages, 'alice@example.test');
    const counter = { requests: 0, bytesOut: 0 };
    const holder: { apiUrl?: string } = {};
    const counting: FetchLike = (url, init) => {
      if (init?.method === 'POST' && url === holder.apiUrl) {
        counter.requests++;
        counter.bytesOut += String(init.body ?? '').length;
      }
      return fetch(url, init);
    };
    const client = await connect({ url: server.origin, auth, fetch: counting });
    holder.apiUrl = client.apiUrl;
    const mirror = openMirror('bench-outbox');
    const engine = new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] });
    await engine.syncNow();
    const accountId = client.accountId;
    const r = await roles(client);
    const ids = (await mirror.db.emails.toArray()).map((e) => e.id).slice(0, messages);
    const enqueueStart = performance.now();
    for (let i = 0; i < actions; i++) {
      const id = ids[i % ids.length]!;
      const kind = i % 4;
      if (kind === 0) await enqueue(mirror.db, accountId, { kind: 'keywords', emailIds: [id], add: ['$flagged'] });
      else if (kind === 1) await enqueue(mirror.db, accountId, { kind: 'keywords', emailIds: [id], add: ['$seen'] });
      else if (kind === 2) await enqueue(mirror.db, accountId, { kind: 'keywords', emailIds: [id], remove: ['$seen'] });
      else await enqueue(mirror.db, accountId, { kind: 'move', emailIds: [id], toMailboxId: i % 8 === 3 ? r.archive! : r.inbox! });
    }
    const enqueueMs = performance.now() - enqueueStart;
    const before = { ...counter };
    const flushStart = performance.now();
    const flusher = createFlusher({ client, db: mirror.db, accountId, onNeedSync: () => engine.syncNow() });
    while ((await mirror.db.outbox.count()) > 0) await new Promise((res) => setTimeout(res, 20));
    await flusher.idle();
    const flushMs = performance.now() - flushStart;
    await flusher.stop();
    await engine.stop();
    mirror.db.close();
    return {
      environment: {
        node: process.version,
        indexedDB: 'fake-indexeddb',
        server: 'demo server in this process',
        maxObjectsInSet: client.limits.maxObjectsInSet,
      },
      actions,
      messages,
      enqueue: { ms: Math.round(enqueueMs), perActionMs: Math.round((enqueueMs / actions) * 100) / 100 },
      flush: {
        ms: Math.round(flushMs),
        requests: counter.requests - before.requests,
        bytesOut: counter.bytesOut - before.bytesOut,
        note: 'requests: the folder check, one Email/set, and the sync that clears the overlays',
      },
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchOutbox(Number(process.argv[2] ?? 1000)), null, 2));
}
