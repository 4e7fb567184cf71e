/**
 * The third party: a plain JMAP client on the same account (another mail program, a
 * phone, a server-side filter), and mail arriving from outside. Its every write goes
 * through the ledger like the devices' do.
 */
import { connect, type FetchLike, type JmapClient } from '../../src/jmap/index.ts';
import type { Server } from './device.ts';
import type { Ledger } from './ledger.ts';

export interface ThirdParty {
  client: JmapClient;
  /** Records what the server made of a delivered message (found by its Message-ID). */
  delivered(messageId: string): Promise<string | null>;
  /** Every mailbox on the server now, written into the ledger as it is (the starting point). */
  recordMailboxes(): Promise<Record<string, string>>;
}

export async function openThirdParty(server: Server, ledger: Ledger): Promise<ThirdParty> {
  const holder: { apiUrl?: string } = {};
  const recording: FetchLike = async (url, init) => {
    const res = await fetch(url, init);
    if (!(init?.method === 'POST' && url === holder.apiUrl)) return res;
    const text = await res.text();
    ledger.recordExchange('T', typeof init?.body === 'string' ? init.body : '', text, false);
    return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const client = await connect({ url: server.origin, auth: server.auth, fetch: recording, timeoutMs: 30_000 });
  holder.apiUrl = client.apiUrl;
  return {
    client,
    async delivered(messageId) {
      const q = await client.call('Email/query', { filter: { header: ['Message-ID', `<${messageId}>`] } });
      const id = q.ids[0];
      if (!id) return null;
      const e = (await client.call('Email/get', { ids: [id], properties: ['mailboxIds', 'keywords'] })).list[0];
      if (!e) return null;
      ledger.emailCreated('T', id, e.mailboxIds ?? {}, e.keywords ?? {});
      return id;
    },
    async recordMailboxes() {
      const roles: Record<string, string> = {};
      for (const m of (await client.call('Mailbox/get', { ids: null })).list) {
        ledger.write('T', `m:${m.id}|x`, true);
        ledger.write('T', `m:${m.id}|name`, m.name);
        ledger.write('T', `m:${m.id}|parent`, m.parentId ?? null);
        if (m.role) roles[m.role] = m.id;
      }
      return roles;
    },
  };
}
