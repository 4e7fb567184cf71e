/**
 * The worker's Background Sync event holds on exactly as long as the outbox needs: it
 * ends once what was queued reached the server, and it fails, in words and keeping the
 * intent, while the server cannot be reached, so the browser fires it again later.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { RetryPolicy, type FetchLike } from '../jmap/index.ts';
import { connectAs, unique } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { enqueue } from '../outbox/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stopAll()));
});

async function folderOnServer(name: string): Promise<number> {
  const { list } = await (await connectAs('alice')).call('Mailbox/get', { ids: null });
  return list.filter((m) => m.name === name).length;
}

describe('the Background Sync event', () => {
  it('ends once the queued change reached the server', async () => {
    const { db, accountId } = await signedInDb();
    const host = new EngineHost({ db, locks: inProcessLocks(), pollIntervalMs: 3_600_000 });
    hosts.push(host);
    const name = unique('bg-sync');
    await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'bg-1', name, parentId: null });

    await host.flushed(accountId, 30_000);
    expect(await db.outbox.count()).toBe(0);
    expect(await folderOnServer(name)).toBe(1);
  }, 60_000);

  it('fails in words while the server cannot be reached, and the change waits', async () => {
    const { db, accountId } = await signedInDb();
    let online = true;
    const fetchImpl: FetchLike = (url, init) => (online ? fetch(url, init) : Promise.reject(new TypeError('Failed to fetch')));
    const host = new EngineHost({
      db,
      locks: inProcessLocks(),
      pollIntervalMs: 3_600_000,
      retry: new RetryPolicy({ baseMs: 60_000 }),
      fetch: fetchImpl,
    });
    hosts.push(host);
    await host.flushed(accountId, 30_000);
    online = false;
    const name = unique('bg-sync-offline');
    await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'bg-2', name, parentId: null });

    await expect(host.flushed(accountId, 2_000)).rejects.toThrow(/1 change still waiting to reach the server/);
    expect(await db.outbox.count()).toBe(1);
    expect(await folderOnServer(name)).toBe(0);
  }, 60_000);
});
