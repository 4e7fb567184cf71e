/**
 * One device as the product runs it: its own mirror (the real Dexie store under
 * fake-indexeddb), a SyncEngine and an outbox flusher sharing one JmapClient, and its own
 * flush lock (two devices are two browsers). Its fetch can be switched off (offline: it
 * refuses, as a browser without network does) and can lose an answer: the request reaches
 * the server and is applied, the answer is read by the fuzz (into the ledger) and dropped.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { connect, type Auth, type FetchLike, type JmapClient } from '../../src/jmap/index.ts';
import { SyncEngine } from '../../src/sync/index.ts';
import { DexieSyncCache, MailDb } from '../../src/store/index.ts';
import {
  createFlusher,
  enqueue,
  listNotices,
  readEmails,
  readMailboxes,
  type Flusher,
  type FlushLock,
  type Intent,
} from '../../src/outbox/index.ts';
import type { EmailRecord, MailboxRecord } from '../../src/sync/index.ts';
import type { Actor, Ledger } from './ledger.ts';

export interface Server {
  origin: string;
  auth: Auth;
}

/** A flush lock of this device alone (the product's in-realm lock is shared by the whole process). */
function deviceLock(): FlushLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, body: () => Promise<T>): Promise<T> {
      const run = tail.then(body);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Device {
  online = true;
  /** The next request carrying a /set loses its answer; `thenOffline`: and the network goes with it. */
  loseNext: { thenOffline: boolean } | null = null;
  readonly db: MailDb;
  readonly cache: DexieSyncCache;
  client!: JmapClient;
  engine!: SyncEngine;
  flusher!: Flusher;
  private seenNotices = new Set<string>();

  private constructor(
    readonly name: Actor,
    private readonly ledger: Ledger,
  ) {
    this.db = new MailDb(`fuzz-${name}-${randomUUID()}`);
    this.cache = new DexieSyncCache(this.db);
  }

  static async open(name: Actor, server: Server, ledger: Ledger): Promise<Device> {
    const d = new Device(name, ledger);
    const holder: { apiUrl?: string } = {};
    const net: FetchLike = async (url, init) => {
      if (!d.online) throw new TypeError('fetch failed (offline)');
      const isApi = init?.method === 'POST' && url === holder.apiUrl;
      const res = await fetch(url, init);
      if (!isApi) return res;
      const text = await res.text();
      const body = typeof init?.body === 'string' ? init.body : '';
      const lose = d.loseNext !== null && body.includes('/set"');
      ledger.recordExchange(name, body, text, lose);
      if (lose) {
        const { thenOffline } = d.loseNext!;
        d.loseNext = null;
        if (thenOffline) d.online = false;
        ledger.note(`${name}: the answer to ${methods(body)} was lost${thenOffline ? ' and the device went offline' : ''}`);
        throw new TypeError('fetch failed (the answer was lost)');
      }
      return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
    };
    d.client = await connect({ url: server.origin, auth: server.auth, fetch: net, timeoutMs: 10_000 });
    holder.apiUrl = d.client.apiUrl;
    d.engine = new SyncEngine({ client: d.client, cache: d.cache, push: false, offlineRoles: [] });
    const first = await d.engine.syncNow();
    if (!first.ok) throw first.error instanceof Error ? first.error : new Error(String(first.error));
    // As the host wires them: the flusher syncs through the engine.
    // online: what navigator.onLine says in a browser, this device's network switch here.
    d.flusher = createFlusher({
      client: d.client,
      db: d.db,
      accountId: d.client.accountId,
      onNeedSync: () => d.engine.syncNow(),
      lock: deviceLock(),
      online: () => d.online,
    });
    return d;
  }

  get accountId(): string {
    return this.client.accountId;
  }

  async queue(intent: Intent): Promise<string> {
    return enqueue(this.db, this.accountId, intent);
  }

  /** What the person sees: mirror rows with this device's pending intents merged in. */
  async view(): Promise<{ emails: EmailRecord[]; mailboxes: MailboxRecord[] }> {
    const rows = (await this.db.emails.toArray()).filter((e) => e.accountId === this.accountId);
    const ids = rows.map((e) => e.id).sort();
    const emails = (await readEmails(this.db, this.accountId, ids)).filter((e): e is EmailRecord => !!e);
    const mailboxes = (await readMailboxes(this.db, this.accountId)).sort((a, b) => (a.id < b.id ? -1 : 1));
    return { emails, mailboxes };
  }

  async outboxIds(): Promise<Set<string>> {
    return new Set((await this.db.outbox.toArray()).filter((i) => i.accountId === this.accountId).map((i) => i.id as string));
  }

  /** Notices that appeared since the last call. */
  async newNotices(): Promise<string[]> {
    const list = await listNotices(this.db, this.accountId);
    const fresh = list.filter((n) => !this.seenNotices.has(n.id));
    for (const n of fresh) this.seenNotices.add(n.id);
    return fresh.map((n) => n.text);
  }

  /**
   * Lets the flusher finish what it can now. Online, what waits out a backoff is retried at
   * once, as the host does on `online` or a heartbeat (flusher.wake(true)).
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 8; round++) {
      // enqueue wakes every flusher of the realm a moment later (an event, then a write):
      // one macrotask lets that wake land before idle() is asked.
      await sleep(0);
      await this.flusher.idle();
      if (!this.online) return;
      const waiting = (await this.db.outbox.toArray()).filter((i) => i.accountId === this.accountId && i.state === 'waiting');
      if (waiting.length === 0) return;
      await this.db.outbox
        .where('id')
        .anyOf(waiting.map((i) => i.id as string))
        .modify({ notBefore: 0 });
      this.flusher.wake();
    }
  }

  /** A heartbeat or focus: one sync cycle (the outcome is in the stored status). */
  async sync(): Promise<void> {
    await this.engine.syncNow();
  }

  async goOnline(): Promise<void> {
    this.online = true;
    // What the host does on `online`: sync, and flush now (cutting backoffs short).
    await this.engine.syncNow();
    this.flusher.wake(true);
  }

  async close(): Promise<void> {
    await this.flusher.stop();
    await this.engine.stop();
    this.db.close();
    await this.db.delete().catch(() => undefined);
  }
}

function methods(body: string): string {
  try {
    return (JSON.parse(body) as { methodCalls: [string][] }).methodCalls.map((c) => c[0]).join(', ');
  } catch {
    return 'a request';
  }
}
