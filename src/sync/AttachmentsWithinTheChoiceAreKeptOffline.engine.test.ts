/**
 * Attachments of the offline choice are downloaded by the engine after the bodies: only
 * those small enough, of mail recent enough, in folders kept offline; a change of the
 * choice changes the set within one cycle (what falls outside is removed), and an
 * attachment opened online outside the choice stays until the choice changes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { OfflineScope } from './context.ts';
import { SyncEngine } from './engine.ts';
import { openMirror, type Mirror } from '../../testing/mirror/mirror.ts';
import { backend, connectCounting } from '../../testing/mirror/server.ts';
import { fileBytes, importWithAttachments } from '../../testing/mail/withAttachments.ts';

let mirror: Mirror;
afterAll(() => mirror?.db.close());

const DAY = 24 * 60 * 60 * 1000;

describe('attachments kept offline', () => {
  it('keeps only the attachments the choice covers, and follows a change within one cycle', async () => {
    const { client } = await connectCounting('bob');
    const accountId = client.accountId;
    const stamp = Date.now();
    // A folder of its own, the only one in scope: the test's mail, not the rest of bob's account.
    const folder = (await client.call('Mailbox/set', { accountId, create: { f: { name: `Flight ${stamp}`, parentId: null } } })).created!.f!
      .id;
    const others = (await client.call('Mailbox/get', { accountId, ids: null })).list.map((m) => m.id).filter((id) => id !== folder);
    const seed = (subject: string, ageDays: number) =>
      importWithAttachments(client, folder, {
        from: 'fay@example.net',
        to: backend().users.bob.email,
        subject: `${subject} ${stamp}`,
        receivedAt: new Date(stamp - ageDays * DAY),
        files: [
          { name: `${subject}-small.txt`, type: 'text/plain', bytes: fileBytes(`${subject}-small`, 4_000) },
          { name: `${subject}-large.bin`, type: 'application/octet-stream', bytes: fileBytes(`${subject}-large`, 300_000) },
        ],
      });
    const recent = await seed('recent', 1);
    const old = await seed('old', 60);
    const parts = (await client.call('Email/get', { accountId, ids: [recent, old], properties: ['id', 'attachments'] })).list;
    const blobOf = (emailId: string, suffix: string) =>
      parts.find((e) => e.id === emailId)!.attachments!.find((p) => p.name?.endsWith(suffix))!.blobId!;
    const ids = {
      recentSmall: blobOf(recent, 'small.txt'),
      recentLarge: blobOf(recent, 'large.bin'),
      oldSmall: blobOf(old, 'small.txt'),
      oldLarge: blobOf(old, 'large.bin'),
    };
    const name = new Map(Object.entries(ids).map(([k, v]) => [v, k]));

    mirror = openMirror('attachments');
    const scope: OfflineScope = {
      leftOut: others,
      windowDays: null,
      budgetBytes: 1e9,
      attachmentMaxBytes: 100_000,
      attachmentWindowDays: 30,
    };
    let engine = new SyncEngine({ client, cache: mirror.cache, push: false, scope: async () => ({ ...scope }) });
    const kept = async () =>
      (await mirror.cache.blobIds(accountId))
        .map((id) => name.get(id))
        .filter(Boolean)
        .sort();

    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual(['recentSmall']);
    // The bytes are the file's own.
    const row = await mirror.db.blobs.get([accountId, ids.recentSmall]);
    expect(
      Buffer.from(row!.data as ArrayBuffer)
        .subarray(0, 13)
        .toString(),
    ).toBe('recent-small:');
    const progress = (await mirror.cache.getProgress(accountId))!.attachments!;
    expect(progress).toMatchObject({ state: 'done', done: 1, total: 1 });

    // Any size, all mail: everything, in the next cycle.
    scope.attachmentMaxBytes = null;
    scope.attachmentWindowDays = null;
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual(['oldLarge', 'oldSmall', 'recentLarge', 'recentSmall']);

    // Small ones only again, changed while no engine ran (a worker killed): the large ones
    // leave the device in the next engine's first cycle.
    scope.attachmentMaxBytes = 100_000;
    engine = new SyncEngine({ client, cache: mirror.cache, push: false, scope: async () => ({ ...scope }) });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual(['oldSmall', 'recentSmall']);

    // Opened online (the page keeps what it downloaded): it stays while the choice stays.
    const opened = await client.download(ids.recentLarge);
    const data = await opened.arrayBuffer();
    await mirror.cache.putBlob(accountId, { blobId: ids.recentLarge, type: opened.type, size: data.byteLength, data });
    await client.call('Email/set', { accountId, update: { [recent]: { 'keywords/$seen': true } } });
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual(['oldSmall', 'recentLarge', 'recentSmall']);

    // The folder left out: nothing of it stays.
    scope.leftOut = [...others, folder];
    expect(await engine.syncNow()).toEqual({ ok: true });
    expect(await kept()).toEqual([]);

    await client.call('Email/set', { accountId, destroy: [recent, old] });
    await client.call('Mailbox/set', { accountId, destroy: [folder] });
  }, 120_000);
});
