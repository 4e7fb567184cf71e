/**
 * Making the server unable to calculate changes from the mirror's states, with each
 * server's own mechanism:
 * - demo server: its control endpoint drops the change log up to now;
 * - Cyrus: `cyr_expire -X 0 -E 0` expunges deleted messages for good and prunes the
 *   conversations database, which raises the user's deleted-modseq: every older state
 *   then answers cannotCalculateChanges ("outdated sinceModseq") for Email and Thread.
 *   The call must follow a deletion to have an effect. Needs the instance's imapd.conf
 *   (`cyrusConfig` in the backend descriptor) and root to run as the cyrus user.
 */
import { execFileSync } from 'node:child_process';
import { backend } from './server.ts';

export async function loseChangeHistory(who: 'alice' | 'bob'): Promise<void> {
  const b = backend();
  const user = b.users[who].username;
  if (b.controlUrl) {
    const res = await fetch(`${b.controlUrl}/forget-changes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user }) });
    if (!res.ok) throw new Error(`forget-changes failed: HTTP ${res.status} ${await res.text()}`);
    return;
  }
  const config = (b as { cyrusConfig?: string }).cyrusConfig;
  if (!config) throw new Error(`The ${b.name} backend descriptor has no cyrusConfig (imapd.conf path), so its change history cannot be expired`);
  execFileSync('su', ['-s', '/bin/sh', 'cyrus', '-c', `/usr/lib/cyrus/bin/cyr_expire -C '${config}' -X 0 -E 0 -u '${user}'`], { stdio: 'pipe' });
}
