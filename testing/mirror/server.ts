/**
 * The server side of the engine tests: a full dump through JMAP (the truth the mirror is
 * compared with), and counting requests.
 */
import { chunk, connect, type Email, type FetchLike, type JmapClient } from '../../src/jmap/index.ts';
import { authFor, backend } from '../backends/connect.ts';
import { pickMailbox, type Snapshot } from './mirror.ts';

export { backend, authFor };

/** One API POST as the counting client saw it: its method names and body bytes each way. */
export interface CountedRequest {
  methods: string[];
  bytesOut: number;
  bytesIn: number;
}

/** A client with its own fetch, counting the API POSTs it makes (and keeping each one's methods and sizes). */
export async function connectCounting(who: 'alice' | 'bob', options: { origin?: string; timeoutMs?: number } = {}) {
  const b = backend();
  const calls = { api: 0, bytesIn: 0, bytesOut: 0, requests: [] as CountedRequest[] };
  const holder: { client?: JmapClient } = {};
  const counting: FetchLike = async (url, init) => {
    const isApi = init?.method === 'POST' && url === holder.client?.apiUrl;
    const body = typeof init?.body === 'string' ? init.body : '';
    const counted: CountedRequest = { methods: [], bytesOut: Buffer.byteLength(body), bytesIn: 0 };
    if (isApi) {
      calls.api++;
      calls.bytesOut += counted.bytesOut;
      counted.methods = ((JSON.parse(body) as { methodCalls: [string][] }).methodCalls ?? []).map((c) => c[0]);
      calls.requests.push(counted);
    }
    const res = await fetch(url, init);
    if (!isApi) return res;
    const text = await res.text();
    calls.bytesIn += Buffer.byteLength(text);
    counted.bytesIn = Buffer.byteLength(text);
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const origin = options.origin ?? b.origin;
  const client = (holder.client = await connect({
    url: origin,
    auth: authFor(b.users[who]),
    fetch: counting,
    rewriteUrlsToOrigin: origin !== b.origin,
    timeoutMs: options.timeoutMs,
  }));
  return { client, calls };
}

/** Every id of an Email/query over the whole account, in pages the server accepts. */
export async function allEmailIds(client: JmapClient): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const r = await client.call('Email/query', { position: ids.length, limit: 1000, calculateTotal: true });
    ids.push(...r.ids);
    if (!r.ids.length || (r.total !== undefined && ids.length >= r.total)) return ids;
  }
}

/** The server's whole account, as the mirror should hold it. */
export async function serverSnapshot(client: JmapClient): Promise<Snapshot> {
  const mailboxes = (await client.call('Mailbox/get', { ids: null })).list;
  const ids = await allEmailIds(client);
  const emails: Email[] = [];
  for (const part of chunk(ids, Math.min(1000, client.limits.maxObjectsInGet))) {
    emails.push(...(await client.call('Email/get', { ids: part, properties: ['id', 'threadId', 'mailboxIds', 'keywords'] })).list);
  }
  const threadIds = [...new Set(emails.map((e) => e.threadId!))];
  const threads: Record<string, string[]> = {};
  for (const part of chunk(threadIds, Math.min(1000, client.limits.maxObjectsInGet))) {
    for (const t of (await client.call('Thread/get', { ids: part })).list) threads[t.id] = t.emailIds;
  }
  return {
    mailboxes: Object.fromEntries(mailboxes.map((m) => [m.id, pickMailbox(m as unknown as Record<string, unknown>)])),
    emails: Object.fromEntries(emails.map((e) => [e.id, { threadId: e.threadId!, mailboxIds: e.mailboxIds!, keywords: e.keywords ?? {} }])),
    threads,
  };
}
