import type { TestProject } from 'vitest/node';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startCyrus } from './cyrus/start.ts';
import type { TestBackend } from './backend.ts';

/** vitest globalSetup: a private Cyrus with alice and bob for the engine suite. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('/usr/lib/cyrus/bin/master')) {
    const r = spawnSync('bash', ['scripts/ensure-system-deps.sh'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('Cyrus is missing and could not be installed (see above).');
  }
  const cyrus = await startCyrus();
  const backend: TestBackend = {
    name: 'cyrus',
    origin: cyrus.origin,
    wellKnownUrl: cyrus.wellKnownUrl,
    sessionUrl: cyrus.sessionUrl,
    users: cyrus.users,
    capabilities: { push: false, faults: false, delivery: true, identitySet: false, listsSubmissions: true, vacationResponse: false },
    deliver: { kind: 'lmtp', host: '127.0.0.1', port: cyrus.lmtpPort },
  };
  project.provide('backend', backend);
  return () => cyrus.stop();
}
