/**
 * Run the demo JMAP server (and optionally the built app on the same origin):
 *   npx tsx packages/demo-server/main.ts --port 8790 --data .cache/demo [--profile default] [--static dist] [--control]
 */
import { parseArgs } from 'node:util';
import { DEMO_USERS } from './mail/accounts.ts';
import { PROFILE_NAMES, getProfile, type ProfileName } from './profiles.ts';
import { startDemoServer } from './http/server.ts';
import { tokenFor } from './data/users.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8790' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.cache/demo' },
    profile: { type: 'string', default: 'default' },
    static: { type: 'string' },
    control: { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
  },
});

try {
  getProfile(values.profile);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const started = Date.now();
const server = await startDemoServer({
  port: Number(values.port),
  host: values.host,
  dataDir: values.data,
  profile: values.profile as ProfileName,
  control: values.control,
  seed: !values['no-seed'],
  staticDir: values.static,
}).catch((e: unknown) => {
  const code = (e as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${values.port} is in use; pick another with --port.`
      : `The demo server did not start: ${(e as Error).message}`,
  );
  process.exit(1);
});

const demo = DEMO_USERS[0]!;
console.log(`Demo JMAP server (${values.profile} profile, data in ${values.data}) ready in ${Date.now() - started} ms`);
if (values.static) console.log(`Open ${server.origin}/ and sign in as "${demo.username}" with password "${demo.password}".`);
console.log(`JMAP session: ${server.origin}/.well-known/jmap  (users: ${DEMO_USERS.map((u) => `${u.username}/${u.password}`).join(', ')})`);
console.log(`Bearer token for ${demo.username}: ${tokenFor(demo.username, demo.password)}`);
if (values.control) console.log(`Test control endpoint: ${server.origin}/__control`);
console.log(`Profiles available: ${PROFILE_NAMES.join(', ')}`);

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void server.stop().then(() => process.exit(0));
  });
}
