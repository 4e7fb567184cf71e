/**
 * The device runs out of storage while bodies are being stored: the status says so in
 * words, what is outside the offline choice, then attachments, then the oldest bodies are
 * evicted (never metadata, never the outbox), the budget shrinks for the run, and the mirror's metadata stays equal to the server.
 *
 * The store is the real Dexie store; only its write of bodies is made to fail once with
 * the QuotaExceededError a browser raises (fake-indexeddb has no quota to exhaust).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import type { ApplyResult, CachePatch } from './cache.ts';
import { SyncEngine } from './engine.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';
import { deliver } from '../../testing/mail/deliver.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';

let other: JmapClient;
let mirror: Mirror;

beforeAll(async () => {
  other = (await connectCounting('bob')).client;
  await ensureSeeded(other, 'sync-seed-bob-80', 80, backend().users.bob.email);
}, 120_000);
afterAll(() => mirror?.db.close());

describe('storage running out', () => {
  it('evicts the oldest bodies, says so, and keeps metadata intact', async () => {
    const { client } = await connectCounting('bob');
    mirror = openMirror('quota');
    const accountId = client.accountId;
    // Recent mail, so the offline window has bodies to store.
    for (let i = 0; i < 4; i++) {
      await deliver(
        'bob',
        rawMessage({
          from: 'erin@example.net',
          to: backend().users.bob.email,
          subject: `Recent ${i}`,
          messageId: `recent-${i}-${Date.now()}@example.net`,
          body: 'x'.repeat(2000),
        }),
      );
    }
    expect(await new SyncEngine({ client, cache: mirror.cache, push: false }).syncNow()).toEqual({ ok: true });
    // Text and attachments: what eviction can give back (pressure.ts), halved when storage runs out.
    const kept = async () => (await mirror.cache.bodyBytes(accountId)) + (await mirror.cache.blobBytes(accountId));
    const full = await kept();
    expect(await mirror.cache.bodyBytes(accountId)).toBeGreaterThan(0);

    let failNextBodies = true;
    const real = mirror.cache;
    const cache = Object.create(real) as typeof real;
    cache.apply = async (account: string, patch: CachePatch): Promise<ApplyResult> => {
      if (failNextBodies && patch.bodies?.put?.length) {
        failNextBodies = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return real.apply(account, patch);
    };
    await deliver(
      'bob',
      rawMessage({
        from: 'erin@example.net',
        to: backend().users.bob.email,
        subject: 'One more',
        messageId: `more-${Date.now()}@example.net`,
        body: 'y'.repeat(2000),
      }),
    );
    const engine = new SyncEngine({ client, cache, push: false });
    const failed = await engine.syncNow();
    expect(failed.ok).toBe(false);
    const status = await mirror.cache.getStatus(accountId);
    expect(status?.kind).toBe('error');
    expect(status?.reason).toMatch(/out of storage space/);
    expect(status?.retryAt).toBeGreaterThan(status!.at);
    expect(await kept()).toBeLessThanOrEqual(Math.floor(full / 2));
    // Told in words: what was removed is recorded for Settings' "Ready for the flight".
    expect((await mirror.cache.getProgress(accountId))?.pressure).toBeDefined();
    await expectMirrorMatchesServer(mirror, client);

    // The next sync goes through within the reduced budget.
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toBeLessThanOrEqual(Math.floor(full / 2));
    await expectMirrorMatchesServer(mirror, client);
  }, 60_000);
});
