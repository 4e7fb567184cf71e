/**
 * The host answers a page's reads (bodies, blobs, server search, identities) with the
 * account's one client: many requests, one session discovery, whether the engine runs in
 * this host or another holds the account's lock. And it asks an account only what its
 * session lists: no submission capability, no Identity/get at all.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CAPABILITY, type FetchLike } from '../jmap/index.ts';
import { connectAs, createMailbox, importMessage, unique } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';
import type { HostAnswer, HostRequestKind, ReplyOf, RequestOf } from './requests.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stopAll()));
});

interface Seen {
  /** Session objects the server sent (discoveries and refetches). */
  sessions: number;
  /** Method names of every API request, in order. */
  methods: string[];
}

/** A fetch that counts what the host asks; `withoutSubmission` hides that capability. */
function countingFetch(seen: Seen, withoutSubmission = false): FetchLike {
  return async (url, init) => {
    if (typeof init?.body === 'string' && init.body.startsWith('{')) {
      const calls = (JSON.parse(init.body) as { methodCalls?: [string][] }).methodCalls ?? [];
      seen.methods.push(...calls.map((c) => c[0]));
    }
    const response = await fetch(url, init);
    if (init?.body !== undefined || !response.headers.get('content-type')?.includes('json')) return response;
    const json = (await response.clone().json()) as Record<string, unknown>;
    if (!('apiUrl' in json && 'accounts' in json)) return response;
    seen.sessions++;
    if (!withoutSubmission) return response;
    delete (json.capabilities as Record<string, unknown>)[CAPABILITY.submission];
    for (const account of Object.values(json.accounts as Record<string, { accountCapabilities: Record<string, unknown> }>))
      delete account.accountCapabilities[CAPABILITY.submission];
    return new Response(JSON.stringify(json), { status: response.status, headers: response.headers });
  };
}

async function asked<K extends HostRequestKind>(host: EngineHost, accountId: string, kind: K, request: RequestOf<K>): Promise<ReplyOf<K>> {
  const answer = (await host.answer({ type: 'ask', accountId, kind, request })) as HostAnswer<K>;
  if (!answer.ok) throw new Error(`${kind}: ${answer.error.kind}: ${answer.error.message}`);
  return answer.reply;
}

/** Two messages in a mailbox of their own, for bodies, blobs and a search. */
async function seed(): Promise<{ mailboxId: string; messages: { id: string; blobId: string; raw: string }[] }> {
  const alice = await connectAs('alice');
  const mailboxId = await createMailbox(alice);
  const messages = [];
  for (const n of [1, 2]) {
    const subject = unique(`host-read-${n}`);
    const raw = rawMessage({
      from: 'alice@example.com',
      to: 'bob@example.com',
      subject,
      messageId: `${subject}@test`,
      body: `Body ${n} of ${subject}.`,
    });
    messages.push({ ...(await importMessage(alice, mailboxId, raw)), raw });
  }
  return { mailboxId, messages };
}

async function readsThroughTheHost(host: EngineHost, accountId: string): Promise<void> {
  const { mailboxId, messages } = await seed();
  for (let round = 0; round < 2; round++) {
    for (const m of messages) {
      const body = await asked(host, accountId, 'body', { emailId: m.id, maxBodyValueBytes: 100_000 });
      const text = body.textBody.map((p) => body.bodyValues[p.partId ?? '']?.value ?? '').join('');
      expect(text).toContain('Body ');
      const blob = await asked(host, accountId, 'blob', { blobId: m.blobId, type: 'message/rfc822' });
      expect(blob.bytes.byteLength).toBe(new TextEncoder().encode(m.raw).byteLength);
    }
    const found = await asked(host, accountId, 'search', { filter: { inMailbox: mailboxId }, limit: 50, snippets: false });
    expect(found.emails.map((e) => e.id).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(found.snippets).toBeNull();
  }
}

describe('reads a page asks of the host', () => {
  it('share one session discovery while another host runs the engine', async () => {
    const { db, accountId } = await signedInDb();
    const locks = inProcessLocks();
    const engineHere = new EngineHost({ db, locks, pollIntervalMs: 3_600_000 });
    const seen: Seen = { sessions: 0, methods: [] };
    const host = new EngineHost({ db, locks, fetch: countingFetch(seen) });
    hosts.push(engineHere, host);
    engineHere.ensure(accountId);
    expect(host.ensure(accountId)).toMatchObject({ running: false });

    await readsThroughTheHost(host, accountId);
    await asked(host, accountId, 'session', {});
    expect(host.reply(accountId).running).toBe(false);
    expect(seen.methods.filter((m) => m === 'Email/get').length).toBe(6);
    expect(seen.sessions).toBe(1);
  }, 60_000);

  it("use the running engine's client, discovering no session of their own", async () => {
    const { db, accountId } = await signedInDb();
    const seen: Seen = { sessions: 0, methods: [] };
    const host = new EngineHost({ db, locks: inProcessLocks(), fetch: countingFetch(seen), pollIntervalMs: 3_600_000 });
    hosts.push(host);
    host.ensure(accountId);
    const end = Date.now() + 30_000;
    while ((await db.syncStatus.get(accountId))?.kind !== 'upToDate' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(seen.sessions).toBe(1);

    await readsThroughTheHost(host, accountId);
    expect(seen.sessions).toBe(1);
  }, 60_000);

  it('ask no Identity/get of an account without the submission capability', async () => {
    const { db, accountId } = await signedInDb();
    const seen: Seen = { sessions: 0, methods: [] };
    const host = new EngineHost({ db, locks: inProcessLocks(), fetch: countingFetch(seen, true) });
    hosts.push(host);

    expect(await asked(host, accountId, 'identities', {})).toEqual({ identities: null });
    expect((await asked(host, accountId, 'session', {})).capabilities).not.toContain(CAPABILITY.submission);
    expect(seen.methods).toEqual([]);
    expect(seen.sessions).toBe(1);
  }, 60_000);

  it('ask Identity/get once per request of an account that lists submission', async () => {
    const { db, accountId } = await signedInDb();
    const seen: Seen = { sessions: 0, methods: [] };
    const host = new EngineHost({ db, locks: inProcessLocks(), fetch: countingFetch(seen) });
    hosts.push(host);
    const alice = await connectAs('alice');
    if (alice.accountCapability(CAPABILITY.submission) === undefined) return; // nothing to compare with

    const { identities } = await asked(host, accountId, 'identities', {});
    expect(identities?.length).toBeGreaterThan(0);
    await asked(host, accountId, 'identities', {});
    expect(seen.methods).toEqual(['Identity/get', 'Identity/get']);
    expect(seen.sessions).toBe(1);
  }, 60_000);
});
