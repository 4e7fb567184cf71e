/**
 * A started engine keeps the mirror current by itself: through the server's push stream
 * when it has one, by polling when it has none (Cyrus 3.6 answers 204 on its event
 * source). Nobody calls syncNow here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { SyncEngine, type EngineEvent } from './engine.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';
import { roles } from '../../testing/roles.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';

let other: JmapClient;
let mirror: Mirror;
let engine: SyncEngine | undefined;

beforeAll(async () => {
  other = (await connectCounting('bob')).client;
  await ensureSeeded(other, 'sync-seed-bob-80', 80, backend().users.bob.email);
}, 120_000);
afterAll(async () => {
  await engine?.stop();
  mirror?.db.close();
});

describe('changes made elsewhere', () => {
  it(`reach the mirror without anyone asking (${backend().capabilities.push ? 'push' : 'polling'})`, async () => {
    const { client } = await connectCounting('bob');
    mirror = openMirror('push-or-poll');
    const modes: string[] = [];
    engine = new SyncEngine({
      client,
      cache: mirror.cache,
      offlineRoles: [],
      pollIntervalMs: 1000,
      onEvent: (e: EngineEvent) => {
        if (e.type === 'mode') modes.push((e.detail as { mode: string }).mode);
      },
    });
    expect(await engine.start()).toEqual({ ok: true });
    const r = await roles(other);
    const [id] = (await other.call('Email/query', { filter: { inMailbox: r.inbox! }, limit: 1 })).ids;
    const keyword = `pushtest${Date.now()}`;
    // Let a push stream settle before changing anything (it must be open to hear it).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const changedAt = Date.now();
    await other.call('Email/set', { update: { [id!]: { [`keywords/${keyword}`]: true } } });
    for (;;) {
      const row = await mirror.db.emails.get([client.accountId, id!]);
      if (row?.keywords[keyword]) break;
      expect(Date.now() - changedAt, 'the change reached the mirror').toBeLessThan(10_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latency = Date.now() - changedAt;
    expect(engine.schedulerMode).toBe(backend().capabilities.push ? 'push' : 'poll');
    if (!backend().capabilities.push) expect(modes).toContain('poll');
    console.info(`[${backend().name}] a change elsewhere reached the mirror after ${latency} ms by ${engine.schedulerMode}`);
  }, 60_000);
});
