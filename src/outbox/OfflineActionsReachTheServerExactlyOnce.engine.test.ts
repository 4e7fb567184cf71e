/**
 * Issue 4, acceptance 1 (and 3, 5): everything done offline shows at once, survives a
 * reload, and lands on the server exactly once when the flusher runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { backend, connectAs } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { SyncEngine } from '../sync/index.ts';
import { reopenMirror } from '../../testing/mirror/mirror.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { readEmails, readMailboxes, readThreadPage } from './reads.ts';
import { outboxItems, listNotices } from './queueReads.ts';
import { putOutgoingBlob } from './send.ts';
import { items } from './tables.ts';
import { byMessageId, freshInboxMessages, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

describe('the outbox', () => {
  it('applies archive 20, flag 5, read 30, two sends (one with 1 MB) and a new folder made offline, exactly once', async () => {
    const { ids, marker } = await freshInboxMessages(60, 'offline');
    const s = await signedInMirror();
    const { accountId, roles } = s;
    const inbox = roles.inbox!;
    const archive = roles.archive ?? roles.trash!;
    let db = s.mirror.db;

    // Offline: nothing flushes; every action is written locally.
    const archived = ids.slice(0, 20);
    const flagged = ids.slice(20, 25);
    const read = ids.slice(25, 55);
    await enqueue(db, accountId, { kind: 'move', emailIds: archived, fromMailboxId: inbox, toMailboxId: archive });
    await enqueue(db, accountId, { kind: 'keywords', emailIds: flagged, add: ['$flagged'] });
    await enqueue(db, accountId, { kind: 'keywords', emailIds: read, add: ['$seen'] });
    await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'local-1', name: `${marker} folder`, parentId: null });
    const bytes = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) % 251);
    const attachment = await putOutgoingBlob(db, new Blob([bytes]), { accountId, name: 'big.bin', type: 'application/octet-stream' });
    const alice = backend().users.alice;
    const bob = backend().users.bob;
    const identity = await identityId(s.client);
    const base = {
      from: { name: 'Alice', email: alice.email },
      to: [{ name: 'Bob', email: bob.email }],
      cc: [],
      bcc: [],
      textBody: 'Hello Bob',
    };
    await enqueue(db, accountId, {
      kind: 'send',
      draftId: 'd1',
      identityId: identity,
      holdMs: 0,
      content: { ...base, subject: `${marker} plain`, attachments: [] },
    });
    await enqueue(db, accountId, {
      kind: 'send',
      draftId: 'd2',
      identityId: identity,
      holdMs: 0,
      content: {
        ...base,
        subject: `${marker} with 1 MB`,
        attachments: [{ outgoingBlobId: attachment, name: 'big.bin', type: 'application/octet-stream', size: bytes.length }],
      },
    });
    const messageIds = (await items(db).toArray()).flatMap((i) => (i.messageId ? [i.messageId] : []));
    expect(messageIds).toHaveLength(2);

    // Reload while offline: a new connection to the same database still shows it all done.
    const reopened = reopenMirror(s.mirror);
    db = reopened.db;
    const engine = new SyncEngine({ client: s.client, cache: reopened.cache, push: false, offlineRoles: [] });
    const sync = async () => {
      const r = await engine.syncNow();
      if (!r.ok) throw r.error;
    };
    const inboxPage = await readThreadPage(db, accountId, inbox, { limit: 500 });
    const shownIds = new Set(inboxPage.flatMap((r) => r.emailIds));
    expect(archived.filter((id) => shownIds.has(id))).toEqual([]);
    const seen = await readEmails(db, accountId, ids);
    expect(seen.filter((e) => e?.keywords.$flagged).map((e) => e!.id)).toEqual(flagged);
    expect(seen.filter((e) => e?.keywords.$seen).length).toBe(30);
    expect((await readMailboxes(db, accountId)).some((m) => m.name === `${marker} folder`)).toBe(true);
    expect((await outboxItems(db, accountId)).length).toBe(6);

    // Online: one flusher, then one sync.
    const flusher = createFlusher({ client: s.client, db, accountId, onNeedSync: sync });
    flushers.push(flusher);
    await waitFor('the outbox to drain', async () => (await items(db).count()) === 0, 60_000);
    await flusher.idle();
    await sync();

    const server = await (await connectAs('alice')).call('Email/get', { ids, properties: ['mailboxIds', 'keywords'] });
    const byId = new Map(server.list.map((e) => [e.id, e]));
    for (const id of archived) expect(Object.keys(byId.get(id)!.mailboxIds!)).toEqual([archive]);
    for (const id of flagged) expect(byId.get(id)!.keywords!.$flagged).toBe(true);
    for (const id of read) expect(byId.get(id)!.keywords!.$seen).toBe(true);
    expect(ids.slice(55).every((id) => !byId.get(id)!.keywords!.$seen && !byId.get(id)!.keywords!.$flagged)).toBe(true);
    const folders = (await (await connectAs('alice')).call('Mailbox/get', { ids: null })).list.filter((m) => m.name === `${marker} folder`);
    expect(folders).toHaveLength(1);

    for (const messageId of messageIds) {
      const received = await waitFor(
        `bob to receive ${messageId}`,
        async () => {
          const list = await byMessageId('bob', messageId);
          return list.length ? list : undefined;
        },
        30_000,
      );
      expect(received).toHaveLength(1);
      const inAlice = await byMessageId('alice', messageId);
      expect(inAlice).toHaveLength(1);
      expect(inAlice[0]!.mailboxIds).toEqual({ [roles.sent!]: true });
      expect(inAlice[0]!.keywords?.$draft).toBeUndefined();
    }
    // The mirror agrees and nothing is left pending.
    expect(await db.overlays.count()).toBe(0);
    expect(await listNotices(db, accountId)).toEqual([]);
  }, 180_000);

  it('reverts a move the server refuses, says why, and flushes the rest of the queue', async () => {
    const { ids } = await freshInboxMessages(3, 'refused');
    const s = await signedInMirror();
    const alice = await connectAs('alice');
    // Another client makes a folder, we sync, and then it deletes the folder.
    const made = await alice.call('Mailbox/set', { create: { f: { name: `doomed-${Date.now()}`, parentId: null } } });
    const doomed = made.created!.f!.id;
    await s.sync();
    const inbox = s.roles.inbox!;
    await enqueue(s.mirror.db, s.accountId, { kind: 'move', emailIds: [ids[0]!], fromMailboxId: inbox, toMailboxId: doomed });
    await enqueue(s.mirror.db, s.accountId, { kind: 'keywords', emailIds: [ids[1]!], add: ['$flagged'] });
    expect((await readEmails(s.mirror.db, s.accountId, [ids[0]!]))[0]!.mailboxIds).toEqual({ [doomed]: true });
    await alice.call('Mailbox/set', { destroy: [doomed] });

    const flusher = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
    flushers.push(flusher);
    await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 60_000);
    await flusher.idle();
    // Reverted: the email shows in the Inbox again; the flag went through.
    expect((await readEmails(s.mirror.db, s.accountId, [ids[0]!]))[0]!.mailboxIds).toEqual({ [inbox]: true });
    const notices = await listNotices(s.mirror.db, s.accountId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/Move 1 message could not be done: the folder .* no longer exists/);
    // And the message is still on the server, in the Inbox (Cyrus would have dropped it).
    const kept = await alice.call('Email/get', { ids: [ids[0]!], properties: ['mailboxIds'] });
    expect(kept.list[0]?.mailboxIds).toEqual({ [inbox]: true });
    const server = await alice.call('Email/get', { ids: [ids[1]!], properties: ['keywords'] });
    expect(server.list[0]!.keywords!.$flagged).toBe(true);
  }, 120_000);

  it('applies every intent exactly once with two flushers on one database (two tabs)', async () => {
    const { ids } = await freshInboxMessages(40, 'twotabs');
    const s = await signedInMirror();
    const tab2 = await signedInMirror();
    for (let i = 0; i < 40; i++) {
      await enqueue(s.mirror.db, s.accountId, { kind: 'keywords', emailIds: [ids[i]!], add: i % 2 ? ['$flagged'] : ['$seen'] });
    }
    await enqueue(s.mirror.db, s.accountId, { kind: 'mailboxCreate', localId: 'tabs', name: `twotabs-${Date.now()}`, parentId: null });
    // The second tab's flusher works on the SAME database as the first.
    const a = createFlusher({ client: s.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
    const b = createFlusher({ client: tab2.client, db: s.mirror.db, accountId: s.accountId, onNeedSync: s.sync });
    flushers.push(a, b);
    await waitFor('the outbox to drain', async () => (await items(s.mirror.db).count()) === 0, 60_000);
    await Promise.all([a.idle(), b.idle()]);
    const alice = await connectAs('alice');
    const got = await alice.call('Email/get', { ids, properties: ['keywords'] });
    for (const [i, e] of got.list.entries()) expect(e.keywords![i % 2 ? '$flagged' : '$seen']).toBe(true);
    const name = (await s.mirror.db.outbox.count()) === 0;
    expect(name).toBe(true);
    const boxes = (await alice.call('Mailbox/get', { ids: null })).list.filter((m) => m.name.startsWith('twotabs-'));
    expect(boxes).toHaveLength(1);
  }, 120_000);
});
