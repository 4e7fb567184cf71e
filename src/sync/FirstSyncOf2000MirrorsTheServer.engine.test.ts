/**
 * Acceptance 1, 2 and 5 against a real server, sharing one 2,000-message seed in alice's
 * account (seeded once per backend; a marker mailbox says it is complete):
 * 1. a first sync makes the mirror equal to the server;
 * 2. after another client flags, moves, deletes and new mail is delivered, ONE sync of
 *    exactly ONE HTTP request makes it equal again;
 * 5. a first sync stopped between chunks resumes on the next start, converges and
 *    duplicates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { SyncEngine, type EngineEvent } from './engine.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { openMirror, reopenMirror, type Mirror } from '../../testing/mirror/mirror.ts';
// The UI's read of the mirror, checked against the server (an EXCEPTION in eslint.config.js).
import { mailboxThreadPage } from '../store/reads.ts';
import { allEmailIds, backend, connectCounting } from '../../testing/mirror/server.ts';
import { roles } from '../../testing/roles.ts';
import { deliver } from '../../testing/mail/deliver.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';

const SEED = 'sync-seed-2000';
const COUNT = 2000;

let other: JmapClient;

beforeAll(async () => {
  other = (await connectCounting('alice')).client;
  const seeded = await ensureSeeded(other, SEED, COUNT, backend().users.alice.email);
  if (!seeded.reused) expect(seeded.created).toBe(COUNT);
}, 300_000);

describe('first sync of 2,000 messages, then one-request delta', () => {
  let mirror: Mirror;
  let client: JmapClient;
  let calls: { api: number };
  afterAll(() => mirror?.db.close());

  it('makes the mirror equal the server, the Inbox page arriving in the second request', async () => {
    ({ client, calls } = await connectCounting('alice'));
    mirror = openMirror('first-sync');
    const events: { type: string; api: number; at: number }[] = [];
    const started = Date.now();
    const engine = new SyncEngine({
      client,
      cache: mirror.cache,
      push: false,
      onEvent: (e: EngineEvent) => events.push({ type: e.type, api: calls.api, at: Date.now() - started }),
    });
    const result = await engine.syncNow();
    expect(result).toEqual({ ok: true });
    await engine.stop();

    const firstPage = events.find((e) => e.type === 'firstPage')!;
    const inboxPage = events.find((e) => e.type === 'inboxPage')!;
    // One request after the session shows the Inbox; the second caches its exact page.
    expect(firstPage.api).toBe(1);
    expect(inboxPage.api).toBe(2);
    const inbox = (await roles(client)).inbox!;
    expect((await mailboxThreadPage(mirror.db, client.accountId, inbox, { limit: 50 })).length).toBe(50);

    const counts = await expectMirrorMatchesServer(mirror, client);
    expect(counts.emails).toBeGreaterThanOrEqual(COUNT);
    const progress = await mirror.cache.getProgress(client.accountId);
    expect(progress?.listing).toMatchObject({ state: 'done' });
    expect(progress?.bodies.state).toBe('done');
    expect(progress?.bodies.done).toBeGreaterThan(0);
    const status = await mirror.cache.getStatus(client.accountId);
    expect(status).toMatchObject({ kind: 'upToDate', reason: null });
    console.info(
      `[${backend().name}] first sync of ${counts.emails} emails: Inbox shown after ${firstPage.at} ms, Inbox page cached after ${inboxPage.at} ms, whole sync ${events.at(-1)!.at} ms, ${calls.api} requests`,
    );
  }, 180_000);

  it('converges after another client flags, moves, deletes and mail arrives, in exactly one HTTP request', async () => {
    const r = await roles(other);
    const inbox = r.inbox!;
    const archive = r.archive!;
    const inInbox = (
      await other.call('Email/query', { filter: { inMailbox: inbox }, sort: [{ property: 'receivedAt', isAscending: false }], limit: 30 })
    ).ids;
    expect(inInbox.length).toBe(30);
    const [flag, move, destroy] = [inInbox.slice(0, 5), inInbox.slice(5, 10), inInbox.slice(10, 15)];
    const update: Record<string, Record<string, unknown>> = {};
    for (const id of flag) update[id] = { 'keywords/$flagged': true, 'keywords/$seen': true };
    for (const id of move) update[id] = { mailboxIds: { [archive]: true } };
    const set = await other.call('Email/set', { update, destroy });
    expect(Object.keys(set.updated ?? {}).length).toBe(10);
    expect(set.destroyed?.length).toBe(5);
    // New mail from outside: new threads and a reply into a seeded thread; as many as
    // were destroyed, so the account keeps its 2,000 messages when a server is reused.
    const replyTo = (await other.call('Email/get', { ids: [inInbox[20]!], properties: ['messageId', 'subject'] })).list[0]!;
    for (let i = 0; i < destroy.length - 1; i++) {
      await deliver(
        'alice',
        rawMessage({
          from: 'carol@example.net',
          to: backend().users.alice.email,
          subject: `Fresh news ${i}`,
          messageId: `fresh-${i}-${Date.now()}@example.net`,
        }),
      );
    }
    await deliver(
      'alice',
      rawMessage({
        from: 'carol@example.net',
        to: backend().users.alice.email,
        subject: `Re: ${replyTo.subject}`,
        messageId: `reply-${Date.now()}@example.net`,
        inReplyTo: replyTo.messageId![0]!,
      }),
    );

    // Bodies are switched off here so the count is the delta's alone (fetching the new
    // mail's bodies for offline reading is a separate, later step).
    let rounds = 0;
    const before = calls.api;
    const result = await new SyncEngine({
      client,
      cache: mirror.cache,
      push: false,
      offlineRoles: [],
      onEvent: (e) => {
        if (e.type === 'delta') rounds += (e.detail as { rounds: number }).rounds;
      },
      // As after the server's push, which says something changed: the delta chains its
      // fetches (a poll would first ask what changed: AnUnchangedPollAsksOnlyWhatChanged).
    }).syncNow('push');
    expect(result).toEqual({ ok: true });
    expect(calls.api - before).toBe(1);
    expect(rounds).toBe(1);
    await expectMirrorMatchesServer(mirror, client);
    for (const id of destroy) expect(await mirror.db.emails.get([client.accountId, id])).toBeUndefined();
  }, 120_000);
});

describe('the first request after the session', () => {
  it('already holds the Inbox: its newest threads, exactly as the server orders them', async () => {
    const { client, calls } = await connectCounting('alice');
    const mirror = openMirror('first-request');
    const engine: SyncEngine = new SyncEngine({
      client,
      cache: mirror.cache,
      push: false,
      onEvent: (e) => {
        if (e.type === 'firstPage') void engine.stop();
      },
    });
    expect(await engine.syncNow()).toEqual({ ok: false, stopped: true });
    expect(calls.api).toBe(1);
    const inbox = (await roles(client)).inbox!;
    const rows = await mailboxThreadPage(mirror.db, client.accountId, inbox, { limit: 50 });
    expect(rows.length).toBeGreaterThan(0);
    // Same threads in the same order as the server's Inbox query, except that mail with
    // the very same receivedAt may be ordered either way (servers break such ties in their
    // own ways), so ties are compared as sets and the last tie group as a subset.
    const server = await other.call('Email/query', {
      filter: { inMailbox: inbox },
      sort: [{ property: 'receivedAt', isAscending: false }],
      collapseThreads: true,
      limit: rows.length + 20,
    });
    const times = new Map(
      (await other.call('Email/get', { ids: server.ids, properties: ['receivedAt'] })).list.map((e) => [e.id, Date.parse(e.receivedAt!)]),
    );
    const cutoff = rows[rows.length - 1]!.receivedMs;
    const groups = (pairs: [number, string][]) => {
      const m = new Map<number, string[]>();
      for (const [t, id] of pairs) m.set(t, [...(m.get(t) ?? []), id].sort());
      return m;
    };
    const mine = groups(rows.map((r) => [r.receivedMs, r.emailId]));
    const theirs = groups(server.ids.map((id) => [times.get(id)!, id] as [number, string]).filter(([t]) => t >= cutoff));
    expect([...mine.keys()]).toEqual([...theirs.keys()]);
    for (const [t, ids] of mine) {
      if (t > cutoff) expect(ids).toEqual(theirs.get(t));
      else expect(theirs.get(t)).toEqual(expect.arrayContaining(ids));
    }
    console.info(`[${backend().name}] the first request brought ${rows.length} Inbox threads`);
    mirror.db.close();
  }, 60_000);
});

describe('a first sync stopped between chunks', () => {
  it('resumes on the next start from where it stopped, converges and duplicates nothing', async () => {
    const first = await connectCounting('alice');
    let mirror = openMirror('resume');
    let chunks = 0;
    const engine: SyncEngine = new SyncEngine({
      client: first.client,
      cache: mirror.cache,
      push: false,
      offlineRoles: [],
      chunkSize: 300,
      onEvent: (e) => {
        if (e.type === 'chunk' && ++chunks === 2) void engine.stop();
      },
    });
    const stopped = await engine.syncNow();
    expect(stopped).toEqual({ ok: false, stopped: true });
    const accountId = first.client.accountId;
    const half = await mirror.cache.getProgress(accountId);
    expect(half?.listing.state).toBe('running');
    expect(half?.listing.position).toBe(600);
    const written = await mirror.db.emails.count();
    expect(written).toBeGreaterThanOrEqual(600);

    // A cold start: the database reopened, a new client, a new engine.
    mirror = reopenMirror(mirror);
    const second = await connectCounting('alice');
    const total = (await allEmailIds(other)).length;
    const result = await new SyncEngine({
      client: second.client,
      cache: mirror.cache,
      push: false,
      offlineRoles: [],
      chunkSize: 300,
    }).syncNow();
    expect(result).toEqual({ ok: true });
    // Resumed, not restarted: one delta plus the chunks left after position 600 (plus an
    // empty last page on a server that does not count totals, like Apache James).
    expect(second.calls.api).toBeLessThanOrEqual(1 + Math.ceil((total - 600) / 300) + 1);
    const counts = await expectMirrorMatchesServer(mirror, second.client);
    expect(await mirror.db.emails.count()).toBe(counts.emails);
    expect(await mirror.db.threads.count()).toBe(counts.threads);
    mirror.db.close();
  }, 180_000);
});
