/**
 * Acceptance 3: the server can no longer calculate changes from the mirror's states
 * (cannotCalculateChanges) -> the engine refetches the mailboxes, lists all metadata again
 * as a new generation while the old mirror stays readable, sweeps what the new listing did
 * not see, and converges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JmapClient } from '../jmap/index.ts';
import { SyncEngine, type EngineEvent } from './engine.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';
import { roles } from '../../testing/roles.ts';
import { deliver } from '../../testing/mail/deliver.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';
import { ensureSeeded } from '../../testing/corpus/accountSeed.ts';
import { loseChangeHistory } from '../../testing/backends/history.ts';

let other: JmapClient;
let client: JmapClient;
let mirror: Mirror;

beforeAll(async () => {
  other = (await connectCounting('bob')).client;
  await ensureSeeded(other, 'sync-seed-bob-80', 80, backend().users.bob.email);
  client = (await connectCounting('bob')).client;
  mirror = openMirror('resync');
  expect(await new SyncEngine({ client, cache: mirror.cache, push: false, chunkSize: 25 }).syncNow()).toEqual({ ok: true });
}, 120_000);
afterAll(() => mirror?.db.close());

describe('a state the server cannot calculate changes from', () => {
  it('triggers a full resync that converges and drops what disappeared meanwhile', async () => {
    const accountId = client.accountId;
    const before = await mirror.cache.getProgress(accountId);
    // While the mirror is not looking: mail is destroyed, moved both ways and delivered,
    // then the server forgets the history the mirror's states point into.
    const r = await roles(other);
    const ids = (await other.call('Email/query', { filter: { inMailbox: r.inbox! }, limit: 10 })).ids;
    const back = (await other.call('Email/query', { filter: { inMailbox: r.archive! }, limit: 3 })).ids;
    const gone = ids.slice(0, 3);
    const moved = ids.slice(3, 6);
    await other.call('Email/set', {
      destroy: gone,
      update: Object.fromEntries([
        ...moved.map((id) => [id, { mailboxIds: { [r.archive!]: true } }]),
        ...back.map((id) => [id, { mailboxIds: { [r.inbox!]: true } }]),
      ]),
    });
    for (let i = 0; i < gone.length; i++) {
      await deliver(
        'bob',
        rawMessage({
          from: 'dave@example.net',
          to: backend().users.bob.email,
          subject: `While away ${i}`,
          messageId: `away-${i}-${Date.now()}@example.net`,
        }),
      );
    }
    await loseChangeHistory('bob');

    const events: EngineEvent[] = [];
    const result = await new SyncEngine({
      client,
      cache: mirror.cache,
      push: false,
      chunkSize: 25,
      onEvent: (e) => events.push(e),
    }).syncNow();
    expect(result).toEqual({ ok: true });
    const resync = events.find((e) => e.type === 'resync');
    expect(resync, 'the engine started a full resync').toBeDefined();
    const after = await mirror.cache.getProgress(accountId);
    expect(after?.gen).toBe((before?.gen ?? 0) + 1);
    expect(after?.listing.state).toBe('done');
    await expectMirrorMatchesServer(mirror, client);
    for (const id of gone) expect(await mirror.db.emails.get([accountId, id])).toBeUndefined();
    // Nothing of the old generation survives the sweep.
    expect((await mirror.db.emails.toArray()).filter((e) => e.gen < after!.gen)).toEqual([]);
  }, 120_000);
});
