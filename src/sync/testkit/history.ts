/**
 * Making the server unable to calculate changes from the mirror's states, per backend,
 * with the server's own mechanism where it has one.
 */
import type { Mirror } from './mirror.ts';
import { backend } from './server.ts';

export async function loseChangeHistory(who: 'alice' | 'bob', mirror: Mirror, accountId: string): Promise<void> {
  const b = backend();
  if (b.controlUrl) {
    // The demo server drops its change log up to now: every older state is uncalculable.
    const res = await fetch(`${b.controlUrl}/forget-changes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: b.users[who].username }) });
    if (!res.ok) throw new Error(`forget-changes failed: HTTP ${res.status} ${await res.text()}`);
    return;
  }
  throw new Error(`No way to make ${b.name} forget its change history for ${accountId} is known yet (mirror ${mirror.db.name})`);
}
