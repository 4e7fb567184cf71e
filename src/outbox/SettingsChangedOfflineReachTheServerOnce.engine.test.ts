/**
 * A signature and a vacation response changed with no network are kept through a reload
 * and reach the server exactly once when it can be reached again (issue 11).
 *
 * Cyrus 3.6 has no Identity/set (unknownMethod) and drops the connection on
 * VacationResponse/get and /set alike (docs/servers/cyrus.md; backend capabilities
 * identitySet, vacationResponse): there, the signature is kept on this device with a
 * notice saying so, and both server halves are proved on the demo server only.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import type { FetchLike } from '../jmap/index.ts';
import { keptIdentities, readSetting, signatureOf, writeSetting, type MailDb } from '../store/index.ts';
import { backend, connectAs } from '../../testing/backends/connect.ts';
import { signedInMirror } from '../../testing/mirror/outbox.ts';
import { reopenMirror } from '../../testing/mirror/mirror.ts';
import { waitFor } from '../../testing/wait.ts';
import { enqueue } from './enqueue.ts';
import { SyncEngine } from '../sync/index.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { listNotices, outboxItems, readPendingSettings } from './queueReads.ts';
import { items } from './tables.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

/** A network that can be cut, counting the /set calls that reached the server. */
function cuttableNetwork() {
  const net = { offline: false, sets: [] as string[] };
  const fetchImpl: FetchLike = async (url, init) => {
    if (net.offline) throw new TypeError('fetch failed');
    const body = typeof init?.body === 'string' ? init.body : '';
    for (const m of body.matchAll(/"(Identity\/set|VacationResponse\/set)"/g)) net.sets.push(m[1]!);
    return fetch(url, init);
  };
  return { net, fetchImpl };
}

async function offlineThenOnline(label: string) {
  const { net, fetchImpl } = cuttableNetwork();
  const s = await signedInMirror(fetchImpl);
  const identities = (await s.client.call('Identity/get', { ids: null })).list;
  await writeSetting(s.mirror.db, keptIdentities(s.accountId), identities);
  const identity = identities[0]!;
  const marker = `${label}-${crypto.randomUUID().slice(0, 8)}`;
  net.offline = true;
  const start = (db = s.mirror.db, engine = s.engine) => {
    const f = createFlusher({
      client: s.client,
      db,
      accountId: s.accountId,
      onNeedSync: () => engine.syncNow(),
      online: () => !net.offline,
    });
    flushers.push(f);
    return f;
  };
  /** A reload: the same database opened again, with an engine of its own. */
  const reload = () => {
    const reopened = reopenMirror(s.mirror);
    return { db: reopened.db, engine: new SyncEngine({ client: s.client, cache: reopened.cache, push: false, offlineRoles: [] }) };
  };
  /** A flusher on the reopened mirror, with the network back: runs until the outbox is empty, then once more. */
  const backOnlineAndDrained = async (db: MailDb, engine: SyncEngine) => {
    net.offline = false;
    const online = start(db, engine);
    online.wake(true);
    await waitFor('the outbox to empty', async () => (await outboxItems(db, s.accountId)).length === 0, 20_000);
    await online.idle();
    online.wake(true);
    await online.idle();
  };
  return { s, net, identity, marker, start, reload, backOnlineAndDrained };
}

it.skipIf(!backend().capabilities.identitySet)(
  'a signature changed offline is kept through a reload and reaches the server once',
  async () => {
    const { s, net, identity, marker, start, reload, backOnlineAndDrained } = await offlineThenOnline('sig');
    const { accountId } = s;
    const signature = `Alice\n${marker}`;
    await enqueue(s.mirror.db, accountId, { kind: 'identityUpdate', identityId: identity.id, patch: { textSignature: signature } });
    const offline = start();
    await offline.idle();
    // Tried while offline: still waiting, nothing reached the server.
    expect((await items(s.mirror.db).toArray()).map((i) => [i.intent.kind, i.state])).toEqual([['identityUpdate', 'waiting']]);
    expect(net.sets).toEqual([]);
    await offline.stop();

    // Reload while offline: the new signature still shows, and is what compose adds.
    const { db, engine } = reload();
    expect(await readSetting(db, signatureOf(accountId, identity.id))).toBe(signature);
    expect((await readPendingSettings(db, accountId)).identities[identity.id]).toEqual({ textSignature: signature });

    await backOnlineAndDrained(db, engine);

    const onServer = (await (await connectAs('alice')).call('Identity/get', { ids: [identity.id] })).list[0];
    expect(onServer?.textSignature).toBe(signature);
    expect(net.sets).toEqual(['Identity/set']);
    expect((await readSetting(db, keptIdentities(accountId)))?.find((i) => i.id === identity.id)?.textSignature).toBe(signature);
    expect(await listNotices(db, accountId)).toEqual([]);
  },
);

it.skipIf(backend().capabilities.identitySet)(
  'a signature changed offline stays on this device, in words, where the server cannot store it (Cyrus 3.6)',
  async () => {
    const { s, net, identity, marker, start } = await offlineThenOnline('sig-kept');
    const { accountId } = s;
    const db = s.mirror.db;
    await enqueue(db, accountId, { kind: 'identityUpdate', identityId: identity.id, patch: { textSignature: marker } });
    const offline = start();
    await offline.idle();
    expect(await outboxItems(db, accountId)).toHaveLength(1);
    await offline.stop();

    net.offline = false;
    const online = start();
    online.wake(true);
    await waitFor('the outbox to empty', async () => (await outboxItems(db, accountId)).length === 0, 20_000);
    await online.idle();
    // Asked once (unknownMethod), not again; the signature compose adds is the new one.
    expect(net.sets).toEqual(['Identity/set']);
    expect(await readSetting(db, signatureOf(accountId, identity.id))).toBe(marker);
    expect((await listNotices(db, accountId)).map((n) => n.text)).toEqual([expect.stringMatching(/signature is kept on this device/)]);
  },
);

it.skipIf(!backend().capabilities.vacationResponse)(
  'a vacation response changed offline is kept through a reload and reaches the server once',
  async () => {
    const { s, net, marker, start, reload, backOnlineAndDrained } = await offlineThenOnline('vacation');
    const { accountId } = s;
    const patch = { isEnabled: true, subject: marker, textBody: 'Back on Monday', fromDate: null, toDate: null };
    await enqueue(s.mirror.db, accountId, { kind: 'vacationUpdate', patch });
    const offline = start();
    await offline.idle();
    expect(net.sets).toEqual([]);
    await offline.stop();

    const { db, engine } = reload();
    expect((await readPendingSettings(db, accountId)).vacation).toEqual(patch);

    await backOnlineAndDrained(db, engine);

    const alice = await connectAs('alice');
    const onServer = (await alice.call('VacationResponse/get', { ids: ['singleton'] })).list[0];
    expect(onServer).toMatchObject(patch);
    expect(net.sets).toEqual(['VacationResponse/set']);
    // The accepted overlay goes with the next sync: the screen then reads the server's copy.
    await waitFor('the accepted overlay to go', async () => (await readPendingSettings(db, accountId)).vacation === undefined, 20_000);
    await alice.call('VacationResponse/set', { update: { singleton: { isEnabled: false } } });
  },
);
