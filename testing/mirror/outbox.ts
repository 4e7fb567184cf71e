/**
 * What the outbox engine tests share: a signed-in mirror (real store under fake-indexeddb,
 * synced by the real engine), fresh messages in alice's Inbox, and server-side checks.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { connect, type FetchLike, type JmapClient } from '../../src/jmap/index.ts';
import { authFor, backend, connectAs } from '../backends/connect.ts';
import { roles as rolesOf } from '../roles.ts';
import { SyncEngine } from '../../src/sync/index.ts';
import type { DraftContent } from '../../src/outbox/index.ts';
import { openMirror, type Mirror } from './mirror.ts';

export interface Signed {
  mirror: Mirror;
  client: JmapClient;
  accountId: string;
  engine: SyncEngine;
  /** Mailbox ids by role. */
  roles: Record<string, string>;
  sync: () => Promise<void>;
}

export async function signedInMirror(fetchImpl?: FetchLike, origin?: string): Promise<Signed> {
  const b = backend();
  const client = await connect({
    url: origin ?? b.origin,
    auth: authFor(b.users.alice),
    fetch: fetchImpl,
    rewriteUrlsToOrigin: !!origin,
    timeoutMs: 5000,
  });
  const mirror = openMirror('outbox');
  const engine = new SyncEngine({ client, cache: mirror.cache, push: false, offlineRoles: [] });
  const sync = async () => {
    const r = await engine.syncNow();
    if (!r.ok) throw r.error instanceof Error ? r.error : new Error(String(r.error));
  };
  await sync();
  const roles = await rolesOf(client);
  return { mirror, client, accountId: client.accountId, engine, roles, sync };
}

/** `count` new messages in alice's Inbox (unread, unflagged), ids in creation order. */
export async function freshInboxMessages(count: number, label = 'outbox'): Promise<{ ids: string[]; marker: string }> {
  const alice = await connectAs('alice');
  const inbox = (await rolesOf(alice)).inbox!;
  const marker = `${label}-${randomUUID().slice(0, 8)}`;
  const create = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `m${i}`,
      {
        mailboxIds: { [inbox]: true as const },
        from: [{ name: 'Carol', email: 'carol@example.net' }],
        to: [{ name: null, email: backend().users.alice.email }],
        subject: `${marker} #${i}`,
        receivedAt: new Date(Date.now() - (count - i) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        bodyValues: { b: { value: `Message ${i}` } },
        textBody: [{ partId: 'b', type: 'text/plain' }],
      },
    ]),
  );
  const res = await alice.call('Email/set', { create });
  const ids = Array.from({ length: count }, (_, i) => res.created?.[`m${i}`]?.id);
  if (ids.some((id) => !id)) throw new Error(`Could not create test messages: ${JSON.stringify(res.notCreated)}`);
  return { ids: ids as string[], marker };
}

/** Emails in `who`'s account whose Message-ID header is `messageId`, with their mailboxes and keywords. */
export async function byMessageId(who: 'alice' | 'bob', messageId: string) {
  const c = await connectAs(who);
  const q = await c.call('Email/query', { filter: { header: ['Message-ID', `<${messageId}>`] } });
  if (!q.ids.length) return [];
  return (await c.call('Email/get', { ids: q.ids, properties: ['mailboxIds', 'keywords', 'messageId', 'subject'] })).list.filter((e) =>
    (e.messageId ?? []).includes(messageId),
  );
}

export async function identityId(client: JmapClient): Promise<string> {
  const list = (await client.call('Identity/get', { ids: null })).list;
  const mine = list.find((i) => i.email === backend().users.alice.email) ?? list[0];
  if (!mine) throw new Error('alice has no identity');
  return mine.id;
}

/** A plain message from alice to bob, as a send intent's content (`extra` overrides). */
export function aliceToBob(subject: string, textBody: string, extra: Partial<DraftContent> = {}): DraftContent {
  const b = backend();
  return {
    from: { email: b.users.alice.email },
    to: [{ email: b.users.bob.email }],
    cc: [],
    bcc: [],
    subject,
    textBody,
    attachments: [],
    ...extra,
  };
}
