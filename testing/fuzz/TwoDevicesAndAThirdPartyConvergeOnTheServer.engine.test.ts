/**
 * The convergence fuzz (run.ts) against the engine suite's backend: a real Cyrus in the
 * engine-cyrus project, the demo server in engine-demo. One account for every seed, so
 * each seed works on its own folders and messages (a marker); the verdicts compare the
 * whole account. Bob's: each seed's devices sync the whole account from the start, and
 * alice's holds the 2,000 messages of FirstSyncOf2000MirrorsTheServer when that file runs
 * first (a fresh clone's order), which made a seed 10x slower on Cyrus (20 s, not 2 s). Lost answers are dropped by the devices' own fetch after the server
 * answered, which works the same in front of any server.
 */
import { describe, it } from 'vitest';
import { authFor, backend } from '../backends/connect.ts';
import { deliver } from '../mail/deliver.ts';
import { runSeed } from './run.ts';
import { fuzzOps, fuzzSeeds, replayCommand } from './seeds.ts';

const FILE = 'testing/fuzz/TwoDevicesAndAThirdPartyConvergeOnTheServer.engine.test.ts';

describe('two devices and a third party converge on the server', () => {
  for (const seed of fuzzSeeds(10)) {
    it(`seed ${seed}`, async () => {
      const b = backend();
      await runSeed(
        {
          server: { origin: b.origin, auth: authFor(b.users.bob) },
          deliver: (raw) => deliver('bob', raw),
          address: b.users.bob.email,
          unreadThreadsNotReported: b.name === 'cyrus',
        },
        { seed, ops: fuzzOps(30), replay: replayCommand(seed, `engine-${b.name}`, FILE) },
      );
    }, 60_000);
  }
});
