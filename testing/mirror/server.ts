/**
 * The server side of the engine tests: a full dump through JMAP (the truth the mirror is
 * compared with), seeding, delivery from outside, and counting requests.
 */
import { connect as netConnect } from 'node:net';
import { connect, type Email, type FetchLike, type JmapClient } from '../../src/jmap/index.ts';
import { authFor, backend } from '../backends/connect.ts';
import { chunk } from '../../src/sync/chunk.ts';
import { pickMailbox, type Snapshot } from './mirror.ts';
import { roles } from '../corpus/accountSeed.ts';

export { roles };

export { backend, authFor };

/** A client with its own fetch, counting the API POSTs it makes. */
export async function connectCounting(who: 'alice' | 'bob', options: { origin?: string; timeoutMs?: number } = {}) {
  const b = backend();
  const calls = { api: 0, bytesIn: 0, bytesOut: 0 };
  const holder: { client?: JmapClient } = {};
  const counting: FetchLike = async (url, init) => {
    const isApi = init?.method === 'POST' && url === holder.client?.apiUrl;
    if (isApi) {
      calls.api++;
      calls.bytesOut += typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0;
    }
    const res = await fetch(url, init);
    if (!isApi) return res;
    const text = await res.text();
    calls.bytesIn += Buffer.byteLength(text);
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const origin = options.origin ?? b.origin;
  const client = (holder.client = await connect({ url: origin, auth: authFor(b.users[who]), fetch: counting, rewriteUrlsToOrigin: origin !== b.origin, timeoutMs: options.timeoutMs }));
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

/** Delivers a message into a user's Inbox as mail from outside (LMTP into Cyrus, or the demo's control). */
export async function deliver(to: 'alice' | 'bob', raw: string): Promise<void> {
  const b = backend();
  const user = b.users[to];
  if (b.deliver.kind === 'control') {
    const res = await fetch(b.deliver.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to: user.email, raw }) });
    if (!res.ok) throw new Error(`Delivery to ${user.email} failed: HTTP ${res.status} ${await res.text()}`);
    return;
  }
  await lmtpDeliver(b.deliver.host, b.deliver.port, user.username, raw);
}

/** A minimal LMTP client (RFC 2033): one message, one recipient. */
function lmtpDeliver(host: string, port: number, rcpt: string, raw: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const steps = [
      'LHLO localhost',
      'MAIL FROM:<sender@example.net>',
      `RCPT TO:<${rcpt}>`,
      'DATA',
      `${raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.`,
      'QUIT',
    ];
    let buffer = '';
    let step = -1;
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      buffer += data;
      // Wait for a complete final reply line ("250 ..." not "250-...").
      const lines = buffer.split('\r\n').filter(Boolean);
      const last = lines[lines.length - 1];
      if (!last || !/^\d{3} /.test(last) || !buffer.endsWith('\r\n')) return;
      buffer = '';
      if (!/^[23]/.test(last)) {
        socket.destroy();
        reject(new Error(`LMTP delivery to ${rcpt} refused at "${steps[step] ?? 'greeting'}": ${last}`));
        return;
      }
      step++;
      if (step < steps.length) socket.write(`${steps[step]}\r\n`);
      else socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => (step >= steps.length - 1 ? resolve() : reject(new Error(`LMTP connection closed early delivering to ${rcpt}`))));
  });
}
