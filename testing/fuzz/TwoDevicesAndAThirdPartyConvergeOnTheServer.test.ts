/**
 * The convergence fuzz against the demo server in this process (a fresh server per seed):
 * two devices and a third party change one account at random, devices go offline and lose
 * answers; after quiescence each mirror equals the server and every intent was applied
 * once or refused in words (run.ts, checks.ts). A failing seed prints its replay command
 * and its op log.
 */
import { afterEach, describe, it } from 'vitest';
import { deliver, startTestServer, type TestServer } from '../../packages/demo-server/test-harness.ts';
import { runSeed } from './run.ts';
import { fuzzOps, fuzzSeeds, replayCommand } from './seeds.ts';

const FILE = 'testing/fuzz/TwoDevicesAndAThirdPartyConvergeOnTheServer.test.ts';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('two devices and a third party converge on the demo server', () => {
  for (const seed of fuzzSeeds(100)) {
    it(`seed ${seed}`, async () => {
      server = await startTestServer();
      const s = server;
      await runSeed(
        {
          server: { origin: s.origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } },
          deliver: async (raw) => void (await deliver(s, 'alice', raw)),
          address: 'alice@example.test',
        },
        { seed, ops: fuzzOps(16), replay: replayCommand(seed, 'unit', FILE) },
      );
    }, 30_000);
  }
});
