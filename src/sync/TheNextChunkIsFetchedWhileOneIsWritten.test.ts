/**
 * The first download asks for the next chunk while it writes the one it has (network and
 * database at once), and never writes a chunk read before a delta over what that delta
 * brought: the prefetched answer is dropped and asked again. The real engine against the
 * demo server in this process, writing to the memory cache made slow to write.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { connect, type JmapClient } from '../jmap/index.ts';
import { deliver, rawMessage, startTestServer, type TestServer } from '../../packages/demo-server/test-harness.ts';
import type { ApplyResult, CachePatch } from './cache.ts';
import { SyncEngine } from './engine.ts';
import { MemorySyncCache } from './memoryCache.ts';

let server: TestServer;
let listingAsked = 0;
let client: JmapClient;

/** The listing's request: an unfiltered Email/query chained to Email/get and Thread/get. */
function isListing(body: unknown): boolean {
  const calls = (JSON.parse(String(body)) as { methodCalls: [string, Record<string, unknown>][] }).methodCalls;
  return calls.length === 3 && calls[0]![0] === 'Email/query' && !calls[0]![1].filter && calls[2]![0] === 'Thread/get';
}

class SlowCache extends MemorySyncCache {
  chunksWritten = 0;
  askedBeforeWrite: number[] = [];
  onChunk?: (n: number) => Promise<void>;
  /** Each email's keywords as last written, by a listing chunk or a delta. */
  keywords = new Map<string, Record<string, true>>();
  override async apply(accountId: string, patch: CachePatch): Promise<ApplyResult> {
    for (const e of patch.emails?.put ?? []) this.keywords.set(e.id, e.keywords);
    for (const c of patch.emails?.update ?? []) this.keywords.set(c.id, c.keywords);
    const listing = !!patch.emails?.put?.length && patch.progress?.listing.state === 'running';
    if (!listing) return super.apply(accountId, patch);
    this.askedBeforeWrite.push(listingAsked);
    await new Promise((r) => setTimeout(r, 40));
    const result = await super.apply(accountId, patch);
    await this.onChunk?.(++this.chunksWritten);
    return result;
  }
}

beforeEach(async () => {
  server = await startTestServer();
  listingAsked = 0;
  const start = Date.parse('2026-11-01T10:00:00Z');
  for (let i = 0; i < 35; i++) {
    const date = new Date(start + i * 60_000).toUTCString();
    await deliver(server, 'alice', rawMessage({ subject: `Chunked ${i}`, date }));
  }
  client = await connect({
    url: server.origin,
    auth: { kind: 'basic', username: 'alice', password: 'alice-password' },
    fetch: async (url, init) => {
      if (init?.method === 'POST' && String(url).endsWith('/jmap/api/') && isListing(init.body)) listingAsked++;
      return fetch(url, init);
    },
  });
});
afterEach(async () => {
  await server.stop();
});

it('asks for the next chunk before writing the one it has', async () => {
  const cache = new SlowCache();
  const r = await new SyncEngine({ client, cache, push: false, offlineRoles: [], chunkSize: 10 }).syncNow();
  expect(r.ok).toBe(true);
  // 35 messages in chunks of 10: while chunk k is written, chunk k+1 was already asked for.
  expect(cache.askedBeforeWrite).toEqual([2, 3, 4, 4]);
  expect((await cache.emailsInWindow(client.accountId, Object.keys(await mailboxesById(cache)), 0)).length).toBe(35);
});

it('drops a chunk read before a delta and asks for it again', async () => {
  const cache = new SlowCache();
  const engine = new SyncEngine({ client, cache, push: false, offlineRoles: [], chunkSize: 10 });
  // The second chunk is asked for while the first is written; then its first message is
  // starred elsewhere and a change is announced.
  let inSecondChunk = '';
  cache.onChunk = async (n) => {
    if (n !== 1) return;
    const q = await server.one('Email/query', { sort: [{ property: 'receivedAt', isAscending: false }], position: 10, limit: 1 });
    inSecondChunk = (q.ids as string[])[0]!;
    await server.one('Email/set', { update: { [inSecondChunk]: { 'keywords/$flagged': true } } });
    void engine.syncNow('push');
  };
  expect((await engine.syncNow()).ok).toBe(true);
  expect(cache.keywords.get(inSecondChunk)?.$flagged).toBe(true);
  // Asked again after the delta: one listing request more than the four chunks.
  expect(listingAsked).toBe(5);
});

async function mailboxesById(cache: MemorySyncCache) {
  return Object.fromEntries((await cache.getMailboxes(client.accountId)).map((m) => [m.id, m]));
}
