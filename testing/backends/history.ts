/**
 * Making the server unable to calculate changes from the mirror's states, with each
 * server's own mechanism:
 * - demo server: its control endpoint drops the change log up to now;
 * - Cyrus: `cyr_expire -X 0 -E 0` expunges deleted messages for good and prunes the
 *   conversations database, which raises the user's deleted-modseq: every older state
 *   then answers cannotCalculateChanges ("outdated sinceModseq") for Email and Thread.
 *   The call must follow a deletion to have an effect. Needs the instance's imapd.conf
 *   (`cyrusConfig` in the backend descriptor, else found from the running master process
 *   that serves the backend's HTTP port) and root to run as the cyrus user.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { backend } from './connect.ts';

export async function loseChangeHistory(who: 'alice' | 'bob'): Promise<void> {
  const b = backend();
  const user = b.users[who].username;
  if (b.controlUrl) {
    const res = await fetch(`${b.controlUrl}/forget-changes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user }),
    });
    if (!res.ok) throw new Error(`forget-changes failed: HTTP ${res.status} ${await res.text()}`);
    return;
  }
  const config = (b as { cyrusConfig?: string }).cyrusConfig ?? findCyrusConfig(b.origin);
  if (!config)
    throw new Error(
      `Found no imapd.conf for the Cyrus at ${b.origin} (no cyrusConfig in the backend descriptor, no master process serving that port), so its change history cannot be expired`,
    );
  execFileSync('su', ['-s', '/bin/sh', 'cyrus', '-c', `/usr/lib/cyrus/bin/cyr_expire -C '${config}' -X 0 -E 0 -u '${user}'`], {
    stdio: 'pipe',
  });
}

/**
 * The imapd.conf of the Cyrus serving `origin`: the `master -C <imapd.conf> -M <cyrus.conf>`
 * process whose cyrus.conf has a service listening on origin's port.
 */
export function findCyrusConfig(origin: string): string | undefined {
  const port = new URL(origin).port;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!argv[0]?.endsWith('/master')) continue;
    const conf = argv[argv.indexOf('-C') + 1];
    const services = argv[argv.indexOf('-M') + 1];
    if (!conf || !services || argv.indexOf('-C') < 0 || argv.indexOf('-M') < 0) continue;
    try {
      if (new RegExp(`listen="[^"]*:${port}"`).test(readFileSync(services, 'utf8'))) return conf;
    } catch {
      continue;
    }
  }
  return undefined;
}
