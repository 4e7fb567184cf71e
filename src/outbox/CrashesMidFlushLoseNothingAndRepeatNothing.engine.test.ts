/**
 * Issue 4, acceptance 4: 200 queued actions, and a flusher "killed" at random moments over
 * and over (its connection dies at a random request, sometimes after the server already
 * processed it; the database is reopened as after a crash). Afterwards: everything the
 * person saw as done is on the server, and nothing was applied twice (no folder created
 * twice, no message sent twice).
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { connect, type FetchLike } from '../jmap/index.ts';
import { authFor, backend, connectAs } from '../../testing/backends/connect.ts';
import { SyncEngine } from '../sync/index.ts';
import { reopenMirror } from '../../testing/mirror/mirror.ts';
import { enqueue } from './enqueue.ts';
import { createFlusher } from './flusher.ts';
import { readEmails } from './reads.ts';
import { items } from './tables.ts';
import { aliceToBob, byMessageId, freshInboxMessages, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';
// Deterministic, so a failure can be replayed.
import { prng } from '../../testing/corpus/prng.ts';

it('survives a flusher killed at random points many times: nothing lost, nothing twice', async () => {
  const random = prng(20261122);
  const b = backend();
  const { ids, marker } = await freshInboxMessages(50, 'crash');
  const s = await signedInMirror();
  const { accountId } = s;
  const identity = await identityId(s.client);
  // 200 actions: keyword toggles on 50 emails (the last one per email wins), 5 new folders, 3 sends.
  const expected = new Map<string, { $seen?: boolean; $flagged?: boolean }>();
  let db = s.mirror.db;
  for (let i = 0; i < 192; i++) {
    const id = ids[Math.floor(random() * ids.length)]!;
    const keyword = random() < 0.5 ? '$seen' : '$flagged';
    const on = random() < 0.5;
    await enqueue(db, accountId, { kind: 'keywords', emailIds: [id], ...(on ? { add: [keyword] } : { remove: [keyword] }) });
    expected.set(id, { ...expected.get(id), [keyword]: on });
  }
  for (let i = 0; i < 5; i++)
    await enqueue(db, accountId, { kind: 'mailboxCreate', localId: `crash-${i}`, name: `${marker} folder ${i}`, parentId: null });
  for (let i = 0; i < 3; i++) {
    await enqueue(db, accountId, {
      kind: 'send',
      draftId: `crash-${i}`,
      identityId: identity,
      holdMs: 0,
      content: aliceToBob(`${marker} send ${i}`, 'Once.'),
    });
  }
  expect(await items(db).count()).toBe(200);
  const messageIds = (await items(db).toArray()).flatMap((i) => (i.messageId ? [i.messageId] : []));

  let kills = 0;
  for (let round = 0; round < 12 && (await items(db).count()) > 0; round++) {
    // This flusher's connection dies at its k-th API request: before sending it, or after
    // the server processed it (the answer is lost).
    const k = 1 + Math.floor(random() * 3);
    const afterProcessing = random() < 0.5;
    let requests = 0;
    let dead = false;
    const holder: { apiUrl?: string } = {};
    const dying: FetchLike = async (url, init) => {
      if (dead) throw new TypeError('fetch failed (the process is gone)');
      const isApi = init?.method === 'POST' && url === holder.apiUrl;
      if (isApi && ++requests >= k) {
        dead = true;
        kills++;
        if (afterProcessing) await fetch(url, init).then((r) => r.text());
        throw new TypeError('fetch failed (killed mid-request)');
      }
      return fetch(url, init);
    };
    const client = await connect({ url: b.origin, auth: authFor(b.users.alice), fetch: dying, timeoutMs: 5000 });
    holder.apiUrl = client.apiUrl;
    const engine = new SyncEngine({ client, cache: s.mirror.cache, push: false, offlineRoles: [] });
    const flusher = createFlusher({ client, db, accountId, onNeedSync: () => engine.syncNow() });
    const end = Date.now() + 4000;
    while (!dead && Date.now() < end && (await items(db).count()) > 0) await new Promise((r) => setTimeout(r, 20));
    await flusher.stop();
    await engine.stop();
    // "Crash": the next process opens the database afresh.
    const reopened = reopenMirror(s.mirror);
    s.mirror = reopened;
    db = reopened.db;
    // Nothing the person saw as done is lost: the merged view still shows their last choice.
    const seen = await readEmails(db, accountId, [...expected.keys()]);
    const serverNow = new Map(
      (await (await connectAs('alice')).call('Email/get', { ids: [...expected.keys()], properties: ['keywords'] })).list.map((e) => [
        e.id,
        e.keywords ?? {},
      ]),
    );
    for (const [i, e] of seen.entries()) {
      const want = expected.get([...expected.keys()][i]!)!;
      for (const [k, on] of Object.entries(want)) {
        // Either still pending locally (overlay shows it) or already on the server.
        const shown = !!e?.keywords[k];
        const onServer = !!serverNow.get(e!.id)?.[k];
        expect(shown === on || onServer === on).toBe(true);
      }
    }
  }
  expect(kills).toBeGreaterThan(3);

  // Finally a healthy process drains what is left.
  const engine = new SyncEngine({ client: s.client, cache: s.mirror.cache, push: false, offlineRoles: [] });
  const flusher = createFlusher({ client: s.client, db, accountId, onNeedSync: () => engine.syncNow() });
  const end = Date.now() + 60_000;
  while ((await items(db).count()) > 0) {
    if (Date.now() > end) throw new Error(`outbox did not drain: ${JSON.stringify(await items(db).toArray())}`);
    // Backoff after the kills: wake it rather than wait out minutes.
    await items(db).toCollection().modify({ notBefore: 0 });
    flusher.wake();
    await new Promise((r) => setTimeout(r, 200));
  }
  await flusher.stop();
  await engine.stop();

  const alice = await connectAs('alice');
  const server = new Map(
    (await alice.call('Email/get', { ids: [...expected.keys()], properties: ['keywords'] })).list.map((e) => [e.id, e.keywords ?? {}]),
  );
  for (const [id, want] of expected) {
    for (const [k, on] of Object.entries(want)) expect(!!server.get(id)?.[k], `${id} ${k}`).toBe(on);
  }
  const folders = (await alice.call('Mailbox/get', { ids: null })).list.filter((m) => m.name.startsWith(`${marker} folder`));
  expect(folders.map((f) => f.name).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${marker} folder ${i}`));
  for (const messageId of messageIds) {
    const deadline = Date.now() + 30_000;
    let got = await byMessageId('bob', messageId);
    while (got.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      got = await byMessageId('bob', messageId);
    }
    expect(got, `bob received ${messageId} ${got.length} times`).toHaveLength(1);
  }
}, 240_000);
