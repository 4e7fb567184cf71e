/**
 * Seed a JMAP account with realistic mail:
 *   npx tsx testing/corpus/main.ts --url http://127.0.0.1:8790 --user alice --password P --count 10000 [--seed 1]
 * or a private Cyrus kept on disk for reuse (startCyrus({ from: DIR }) starts it again):
 *   npx tsx testing/corpus/main.ts --cyrus-keep .cache/cyrus/seed1-100000 --count 100000
 * Prints progress, then one JSON line of figures.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startCyrus } from '../backends/cyrus/start.ts';
import { buildCorpus } from './corpus.ts';
import { importCorpus } from './import.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    user: { type: 'string', default: 'alice' },
    password: { type: 'string' },
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'cyrus-keep': { type: 'string' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive whole number');
const root = resolve(import.meta.dirname, '../..');
const t0 = Date.now();
const corpus = await buildCorpus({ seed, count, root, onProgress: (n) => process.stderr.write(`built ${n}\r`) });
const buildSeconds = (Date.now() - t0) / 1000;
let cyrus: Awaited<ReturnType<typeof startCyrus>> | undefined;
let url = values.url;
let user = values.user!;
let password = values.password;
if (values['cyrus-keep']) {
  const t = Date.now();
  cyrus = await startCyrus();
  process.stderr.write(`Cyrus started in ${Date.now() - t} ms\n`);
  url = cyrus.origin;
  user = cyrus.users.alice.username;
  password = cyrus.users.alice.password;
}
if (!url || !password) throw new Error('Give --url and --password (or --cyrus-keep DIR)');
try {
  const result = await importCorpus({
    url,
    auth: { kind: 'basic', username: user, password },
    corpus,
    marker: `seed-${seed}-${count}`,
    onProgress: (n) => process.stderr.write(`imported ${n}/${count}\r`),
  });
  if (cyrus) await cyrus.stop({ keepAs: resolve(values['cyrus-keep']!) });
  console.log(JSON.stringify({ messages: count, seed, corpusBuildSeconds: Math.round(buildSeconds * 10) / 10, ...result }));
} catch (error) {
  await cyrus?.stop();
  throw error;
}
