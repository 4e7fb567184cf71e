/**
 * Sync benchmark: returns JSON figures (it asserts nothing).
 *
 * - First sync of N messages: time to the Inbox's first page and to the whole account's
 *   metadata, with requests and bytes, each next to a bare Dexie bulkPut of the very same
 *   rows measured in the same run (so the engine's overhead over raw IndexedDB is visible).
 * - Delta sync after a fixed set of changes by another client: requests and bytes, next
 *   to the smallest request JMAP allows for the same changes (sent with the same old
 *   states after the engine's sync), and a delta with nothing to do.
 *
 * Runs in node with fake-indexeddb against the demo server started in this process (so
 * server and client share one CPU: absolute times are pessimistic; ratios are the
 * point). The browser run comes later. Usage: `npx tsx scripts/bench/sync.ts [N]`.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect, type FetchLike, type JmapClient } from '../../src/jmap/index.ts';
import { startDemoServer } from '../../packages/demo-server/index.ts';
import { SyncEngine } from '../../src/sync/engine.ts';
import { EMAIL_METADATA_PROPERTIES, EMAIL_MUTABLE_PROPERTIES } from '../../src/sync/properties.ts';
import { bareBulkPut as bulkPutInto } from './bareBulkPut.ts';
import { openMirror } from '../../testing/mirror/mirror.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';
import { roles } from '../../testing/roles.ts';

export interface SyncBenchOptions {
  messages?: number;
  chunkSize?: number;
}

interface Counter {
  requests: number;
  bytesOut: number;
  bytesIn: number;
}

async function countingClient(origin: string, username: string, password: string): Promise<{ client: JmapClient; counter: Counter }> {
  const counter: Counter = { requests: 0, bytesOut: 0, bytesIn: 0 };
  const holder: { apiUrl?: string } = {};
  const f: FetchLike = async (url, init) => {
    const res = await fetch(url, init);
    if (init?.method !== 'POST' || url !== holder.apiUrl) return res;
    const text = await res.text();
    counter.requests++;
    counter.bytesOut += Buffer.byteLength(String(init.body ?? ''));
    counter.bytesIn += Buffer.byteLength(text);
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const client = await connect({ url: origin, auth: { kind: 'basic', username, password }, fetch: f });
  holder.apiUrl = client.apiUrl;
  return { client, counter };
}

const snap = (c: Counter): Counter => ({ ...c });
const diff = (a: Counter, b: Counter): Counter => ({
  requests: b.requests - a.requests,
  bytesOut: b.bytesOut - a.bytesOut,
  bytesIn: b.bytesIn - a.bytesIn,
});
const ms = (x: number) => Math.round(x * 10) / 10;

export async function benchSync(options: SyncBenchOptions = {}): Promise<Record<string, unknown>> {
  const messages = options.messages ?? 2000;
  const chunkSize = options.chunkSize ?? 400;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const server = await startDemoServer({ port: 0, dataDir, control: true, seed: false });
  try {
    const other = (await countingClient(server.origin, 'alice', 'alice-password')).client;
    const seedStarted = performance.now();
    await ensureSeeded(other, 'bench-seed', messages, 'alice@example.test');
    const seedMs = performance.now() - seedStarted;

    // First sync, metadata only (bodies are a separate, budgeted step).
    const connectStarted = performance.now();
    const { client, counter } = await countingClient(server.origin, 'alice', 'alice-password');
    const sessionMs = performance.now() - connectStarted;
    const mirror = openMirror('bench');
    const marks: Record<string, { at: number; counter: Counter }> = {};
    const started = performance.now();
    const engine = new SyncEngine({
      client,
      cache: mirror.cache,
      push: false,
      offlineRoles: [],
      chunkSize,
      onEvent: (e) => {
        if (!marks[e.type]) marks[e.type] = { at: performance.now() - started, counter: snap(counter) };
      },
    });
    const first = await engine.syncNow();
    const metadataMs = performance.now() - started;
    if (!first.ok) throw new Error(`first sync failed: ${String(first.error)}`);
    const accountId = client.accountId;

    // The same rows, for the bare Dexie comparison.
    const emails = await mirror.db.emails.toArray();
    const threads = await mirror.db.threads.toArray();
    const tim = await mirror.db.threadInMailbox.toArray();
    const [inboxQuery] = await mirror.cache.getQueries(accountId);
    const byId = new Map(emails.map((e) => [e.id, e]));
    const pageThreads = new Set((inboxQuery?.ids ?? []).map((id) => byId.get(id)?.threadId));
    const pageRows = {
      emails: emails.filter((e) => pageThreads.has(e.threadId)),
      threads: threads.filter((t) => pageThreads.has(t.id)),
      tim: tim.filter((r) => pageThreads.has(r.threadId)),
    };
    const barePage = await bulkPutInto(`bench-bare-page-${Math.random()}`, pageRows, Number.MAX_SAFE_INTEGER);
    const bareAll = await bulkPutInto(`bench-bare-all-${Math.random()}`, { emails, threads, tim }, chunkSize);

    // Delta after a fixed set of changes by another client.
    const r = await roles(other);
    const statesBefore = await mirror.cache.getStates(accountId);
    const ids = (
      await other.call('Email/query', {
        filter: { inMailbox: r.inbox! },
        sort: [{ property: 'receivedAt', isAscending: false }],
        limit: 15,
      })
    ).ids;
    await other.call('Email/set', {
      update: Object.fromEntries([
        ...ids.slice(0, 5).map((id) => [id, { 'keywords/$flagged': true }]),
        ...ids.slice(5, 10).map((id) => [id, { mailboxIds: { [r.archive!]: true } }]),
      ]),
      destroy: ids.slice(10, 15),
    });
    for (let i = 0; i < 2; i++) {
      const raw = [
        `From: carol@example.net`,
        `To: alice@example.test`,
        `Subject: bench delta ${i}`,
        `Message-ID: <bench-${i}-${Date.now()}@example.net>`,
        `Date: ${new Date().toUTCString()}`,
        '',
        'Hello.',
        '',
      ].join('\r\n');
      const res = await fetch(`${server.origin}/__control/deliver`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: 'alice@example.test', raw }),
      });
      if (!res.ok) throw new Error(`delivery failed: HTTP ${res.status}`);
    }
    const beforeDelta = snap(counter);
    const deltaStarted = performance.now();
    const delta = await new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] }).syncNow();
    const deltaMs = performance.now() - deltaStarted;
    if (!delta.ok) throw new Error(`delta failed: ${String(delta.error)}`);
    const deltaCost = diff(beforeDelta, counter);

    // The smallest request JMAP allows for the same changes, from the same old states:
    // only the properties that can change for an updated email (keywords, mailboxIds), and
    // only the mailbox properties the server says changed (#properties from
    // updatedProperties); no queryChanges (the list can be ordered from the mirror).
    const minimal = await countingClient(server.origin, 'alice', 'alice-password');
    const b = minimal.client.batch();
    const mc = b.call('Mailbox/changes', { accountId, sinceState: statesBefore.Mailbox! });
    b.call('Mailbox/get', { accountId, '#ids': mc.ref('/updated'), '#properties': mc.ref('/updatedProperties') });
    b.call('Mailbox/get', { accountId, '#ids': mc.ref('/created') });
    const tc = b.call('Thread/changes', { accountId, sinceState: statesBefore.Thread! });
    b.call('Thread/get', { accountId, '#ids': tc.ref('/created') });
    b.call('Thread/get', { accountId, '#ids': tc.ref('/updated') });
    const ec = b.call('Email/changes', { accountId, sinceState: statesBefore.Email! });
    b.call('Email/get', {
      accountId,
      '#ids': ec.ref('/created'),
      properties: [...EMAIL_METADATA_PROPERTIES],
    });
    b.call('Email/get', { accountId, '#ids': ec.ref('/updated'), properties: [...EMAIL_MUTABLE_PROPERTIES] });
    await b.send();

    const noChangeBefore = snap(counter);
    await new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] }).syncNow();
    const noChange = diff(noChangeBefore, counter);
    mirror.db.close();

    const firstPage = marks.firstPage!;
    const inboxPage = marks.inboxPage!;
    return {
      environment: {
        node: process.version,
        indexedDB: 'fake-indexeddb (node)',
        server: 'demo server in this process',
        messages,
        chunkSize,
        seedMs: ms(seedMs),
      },
      firstSync: {
        sessionMs: ms(sessionMs),
        // Request 1: mailboxes + the account's newest threads: the Inbox shows from here.
        inboxShown: { ms: ms(firstPage.at), requests: firstPage.counter.requests, bytesIn: firstPage.counter.bytesIn },
        // Request 2: the Inbox's exact first page, cached as a query.
        inboxPage: {
          ms: ms(inboxPage.at),
          requests: inboxPage.counter.requests,
          bytesIn: inboxPage.counter.bytesIn,
          rows: { emails: pageRows.emails.length, threads: pageRows.threads.length, threadInMailbox: pageRows.tim.length },
          bareDexieBulkPutMs: barePage.ms,
        },
        metadata: {
          ms: ms(metadataMs),
          requests: counter.requests - (deltaCost.requests + noChange.requests),
          rows: { emails: emails.length, threads: threads.length, threadInMailbox: tim.length },
          emailsPerSecond: Math.round(emails.length / (metadataMs / 1000)),
          bareDexieBulkPutMs: bareAll.ms,
          bareTransactions: bareAll.transactions,
        },
      },
      delta: {
        changes: { flagged: 5, moved: 5, destroyed: 5, delivered: 2 },
        ms: ms(deltaMs),
        requests: deltaCost.requests,
        bytesOut: deltaCost.bytesOut,
        bytesIn: deltaCost.bytesIn,
        minimum: { requests: 1, bytesOut: minimal.counter.bytesOut, bytesIn: minimal.counter.bytesIn },
        nothingChanged: noChange,
      },
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 2000);
  benchSync({ messages: n }).then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
