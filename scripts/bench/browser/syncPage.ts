/**
 * Runs INSIDE Chromium (imported by scripts/bench/browserSync.ts through Vite's dev server):
 * the real engine writing the real Dexie store on the profile's on-disk IndexedDB, then a
 * bare Dexie bulkPut of the very same rows into a fresh database, in the same run.
 */
import { connect } from '../../../src/jmap/index.ts';
import { DexieSyncCache, MailDb } from '../../../src/store/index.ts';
import { SyncEngine } from '../../../src/sync/index.ts';
import { bareBulkPut } from '../bareBulkPut.ts';

export interface PageBenchArgs {
  username: string;
  password: string;
  chunkSize: number;
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function runSyncBench(args: PageBenchArgs): Promise<Record<string, unknown>> {
  const counter = { requests: 0, bytesIn: 0 };
  const holder: { apiUrl?: string } = {};
  const counting = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, init);
    if (init?.method !== 'POST' || url !== holder.apiUrl) return res;
    const text = await res.text();
    counter.requests++;
    counter.bytesIn += text.length;
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const client = await connect({
    url: location.origin,
    auth: { kind: 'basic', username: args.username, password: args.password },
    fetch: counting,
    rewriteUrlsToOrigin: true,
  });
  holder.apiUrl = client.apiUrl;
  const name = `bench-${Date.now()}`;
  const db = new MailDb(name);
  const marks: Record<string, { ms: number; requests: number }> = {};
  const started = performance.now();
  const engine = new SyncEngine({
    client,
    cache: new DexieSyncCache(db),
    push: false,
    offlineRoles: [],
    chunkSize: args.chunkSize,
    onEvent: (e) => {
      marks[e.type] ??= { ms: round(performance.now() - started), requests: counter.requests };
    },
  });
  const result = await engine.syncNow();
  const metadataMs = performance.now() - started;
  if (!result.ok) throw new Error(`first sync failed: ${String(result.error)}`);

  const emails = await db.emails.toArray();
  const threads = await db.threads.toArray();
  const tim = await db.threadInMailbox.toArray();
  const queries = await db.queries.toArray();
  const inbox = queries[0];
  const byId = new Map(emails.map((e) => [e.id, e]));
  const pageThreads = new Set((inbox?.ids ?? []).map((id) => byId.get(id)?.threadId));
  const pageRows = {
    emails: emails.filter((e) => pageThreads.has(e.threadId)),
    threads: threads.filter((t) => pageThreads.has(t.id)),
    tim: tim.filter((r) => pageThreads.has(r.threadId)),
  };
  const barePageMs = (await bareBulkPut(`${name}-bare-page`, pageRows, Number.MAX_SAFE_INTEGER)).ms;
  const bareAllMs = (await bareBulkPut(`${name}-bare-all`, { emails, threads, tim }, args.chunkSize)).ms;
  const estimate = await navigator.storage.estimate();
  db.close();
  await MailDb.delete(name);
  return {
    inboxShown: marks.firstPage ?? null,
    inboxPage: { ...(marks.inboxPage ?? {}), rows: pageRows.emails.length, bareDexieBulkPutMs: barePageMs },
    metadata: {
      ms: round(metadataMs),
      requests: counter.requests,
      bytesIn: counter.bytesIn,
      rows: { emails: emails.length, threads: threads.length, threadInMailbox: tim.length },
      emailsPerSecond: Math.round(emails.length / (metadataMs / 1000)),
      bareDexieBulkPutMs: bareAllMs,
    },
    storageUsageBytes: estimate.usage ?? null,
  };
}
