/**
 * The Cyrus harness: an instance stopped with keepAs starts again (startCyrus({ from }))
 * with its accounts and mail, so a seeded 100k instance is built once; and stop() leaves
 * no process of the instance behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { connect } from '../../../src/jmap/index.ts';
import { buildCorpus } from '../../corpus/corpus.ts';
import { importCorpus } from '../../corpus/import.ts';
import { startCyrus } from './start.ts';

const root = mkdtempSync(join(tmpdir(), 'kept-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const processesOf = (dir: string) =>
  spawnSync('pgrep', ['-f', `${dir}/imapd.conf`])
    .stdout.toString()
    .trim();

it.skipIf(!existsSync('/usr/lib/cyrus/bin/master'))(
  'starts a kept instance again with its mail, and leaves no process',
  async () => {
    const corpus = await buildCorpus({ seed: 3, count: 40, root });
    const first = await startCyrus();
    const auth = { kind: 'basic' as const, username: 'alice', password: first.users.alice.password };
    const result = await importCorpus({ url: first.origin, auth, corpus, marker: 'seed-3-40' });
    expect(result.imported).toBe(40);
    const kept = join(root, 'cyrus');
    await first.stop({ keepAs: kept });
    expect(processesOf(first.dir)).toBe('');
    expect(existsSync(first.dir)).toBe(false);

    const again = await startCyrus({ from: kept });
    try {
      const client = await connect({ url: again.origin, auth });
      expect((await client.call('Email/query', {})).total ?? (await client.call('Email/query', { calculateTotal: true })).total).toBe(40);
      // The import is idempotent: the marker folder says it is complete.
      expect((await importCorpus({ url: again.origin, auth, corpus, marker: 'seed-3-40' })).skipped).toBe(true);
    } finally {
      await again.stop();
    }
    expect(processesOf(again.dir)).toBe('');
  },
  120_000,
);
