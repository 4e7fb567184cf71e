/**
 * The convergence fuzz (run.ts) against the engine suite's backend: a real Cyrus in the
 * engine-cyrus project, the demo server in engine-demo. One account for every seed, so
 * each seed works on its own folders and messages (a marker); the verdicts compare the
 * whole account. Lost answers are dropped by the devices' own fetch after the server
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
          server: { origin: b.origin, auth: authFor(b.users.alice) },
          deliver: (raw) => deliver('alice', raw),
          address: b.users.alice.email,
          unreadThreadsNotReported: b.name === 'cyrus',
        },
        { seed, ops: fuzzOps(30), replay: replayCommand(seed, `engine-${b.name}`, FILE) },
      );
    }, 60_000);
  }
});
