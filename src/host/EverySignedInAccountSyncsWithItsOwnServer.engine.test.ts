/**
 * Issue 15, several accounts: a device signed in to two accounts on two servers (the
 * backend under test, and a demo server started here) keeps both current, whichever one
 * the page shows. One page's heartbeat runs every signed-in account's engine, each mirror
 * matches its own server, each outbox reaches its own server, and signing out of one
 * leaves the other's engine, mirror and outbox as they were.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connect, type JmapClient } from '../jmap/index.ts';
import { DEMO_USERS, startDemoServer, type DemoServer } from '../../packages/demo-server/index.ts';
import { authFor, backend, unique } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { expectMirrorMatchesServer } from '../../testing/mirror/compare.ts';
import { DexieSyncCache, forgetAccount, keepSignIn } from '../store/index.ts';
import { enqueue } from '../outbox/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'engine-two-accounts-'));
let demo: DemoServer | undefined;
let host: EngineHost | undefined;

afterAll(async () => {
  await host?.stopAll();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function folderNames(client: JmapClient): Promise<string[]> {
  const res = await client.call('Mailbox/get', { ids: null, properties: ['name'] });
  return (res.list as { name: string }[]).map((m) => m.name);
}

it('one heartbeat syncs every signed-in account, each outbox reaches its own server, and signing out of one leaves the other', async () => {
  // First account: alice on the backend under test (Cyrus or the demo server).
  const { db, accountId: first } = await signedInDb();
  const firstClient = await connect({ url: backend().origin, auth: authFor(backend().users.alice) });
  // Second account: another user on a second server (its account id differs from alice's).
  demo = await startDemoServer({ port: 0, dataDir });
  const user = DEMO_USERS[0]!;
  const auth = { kind: 'basic' as const, username: user.username, password: user.password };
  const secondClient = await connect({ url: demo.origin, auth });
  const second = secondClient.accountId;
  expect(second).not.toBe(first);
  await keepSignIn(
    db,
    { id: second, sessionUrl: secondClient.sessionUrl, username: user.username, name: user.username, addedAt: Date.now() },
    { accountId: second, url: demo.origin, auth },
  );

  host = new EngineHost({ db, locks: inProcessLocks() });
  // The page shows the first account and beats for it alone.
  await host.heartbeat(first);
  const upToDate = async (id: string) => (await db.syncStatus.get(id))?.kind === 'upToDate';
  await until('both accounts to be up to date', async () => (await upToDate(first)) && (await upToDate(second)));
  expect(host.reply(second).running).toBe(true);
  const cache = new DexieSyncCache(db);
  await expectMirrorMatchesServer({ db, cache }, firstClient);
  await expectMirrorMatchesServer({ db, cache }, secondClient);

  // Each account's outbox flushes to its own server, and only there.
  const [firstFolder, secondFolder] = [unique('first-account'), unique('second-account')];
  await enqueue(db, first, { kind: 'mailboxCreate', localId: 'first-local', name: firstFolder, parentId: null });
  await enqueue(db, second, { kind: 'mailboxCreate', localId: 'second-local', name: secondFolder, parentId: null });
  await Promise.all([host.flushed(first, 30_000), host.flushed(second, 30_000)]);
  const [onFirst, onSecond] = [await folderNames(firstClient), await folderNames(secondClient)];
  expect(onFirst).toContain(firstFolder);
  expect(onFirst).not.toContain(secondFolder);
  expect(onSecond).toContain(secondFolder);
  expect(onSecond).not.toContain(firstFolder);

  // Sign out of the second account: the first keeps its engine, mirror and outbox.
  const foldersOf = (id: string) => db.mailboxes.where(':id').between([id, ''], [id, '\uffff']).count();
  const firstFolders = await foldersOf(first);
  expect(firstFolders).toBeGreaterThan(0);
  await host.signOut(second);
  // The first account's page beats before the wipe: the second is not started again.
  await host.heartbeat(first);
  await new Promise((r) => setTimeout(r, 300));
  expect(host.reply(second).running).toBe(false);
  await forgetAccount(db, second);
  await host.heartbeat(first);
  expect(host.reply(first).running).toBe(true);
  expect(await foldersOf(second)).toBe(0);
  expect(await foldersOf(first)).toBe(firstFolders);
  await expectMirrorMatchesServer({ db, cache }, firstClient);
}, 180_000);
