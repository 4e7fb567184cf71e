/** The Dexie cache keeps the same SyncCache contract as src/sync's memory cache (fake-indexeddb). */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { runSyncCacheContract } from '../../testing/syncCacheContract.ts';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { uniqueDbName } from '../../testing/records.ts';

const opened: MailDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

runSyncCacheContract('DexieSyncCache', () => {
  const db = new MailDb(uniqueDbName('contract'));
  opened.push(db);
  return new DexieSyncCache(db);
});
