/** The memory cache (the test double of src/sync's tests) keeps the SyncCache contract. */
import { MemorySyncCache } from './memoryCache.ts';
import { runSyncCacheContract } from '../../testing/syncCacheContract.ts';

runSyncCacheContract('MemorySyncCache', () => new MemorySyncCache());
