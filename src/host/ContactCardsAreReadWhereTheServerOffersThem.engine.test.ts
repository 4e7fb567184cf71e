/**
 * The host reads the account's address book (RFC 9610 ContactCard/query + get, one
 * request) only when the session lists `urn:ietf:params:jmap:contacts` for the account:
 * Cyrus 3.6 does not, and is asked nothing; the demo server does (default and Stalwart
 * profiles), and its cards come back as names and addresses, preferred address first.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { CAPABILITY, type FetchLike } from '../jmap/index.ts';
import { backend, connectAs, demoProfile } from '../../testing/backends/connect.ts';
import { signedInDb } from '../../testing/backends/signedIn.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

const hosts: EngineHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stopAll()));
});

/** Method names of every API request the host sends. */
function methodsOf(seen: string[]): FetchLike {
  return (url, init) => {
    if (typeof init?.body === 'string' && init.body.startsWith('{'))
      seen.push(...((JSON.parse(init.body) as { methodCalls?: [string][] }).methodCalls ?? []).map((c) => c[0]));
    return fetch(url, init);
  };
}

it('reads the contact cards where the account lists contacts, and asks nothing where it does not', async () => {
  const offers = backend().name === 'demo' && ['default', 'stalwart', undefined].includes(demoProfile());
  const alice = await connectAs('alice');
  expect(alice.accountCapability(CAPABILITY.contacts) !== undefined).toBe(offers);

  const { db, accountId } = await signedInDb();
  const seen: string[] = [];
  const host = new EngineHost({ db, locks: inProcessLocks(), fetch: methodsOf(seen), pollIntervalMs: 3_600_000 });
  hosts.push(host);
  const answer = await host.answer({ type: 'ask', accountId, kind: 'contacts', request: {} });
  if (!answer.ok) throw new Error(`contacts: ${answer.error.kind}: ${answer.error.message}`);
  const reply = answer.reply as { contacts: { name: string | null; email: string }[] | null };
  if (!offers) {
    expect(reply).toEqual({ contacts: null });
    expect(seen.filter((m) => m.startsWith('ContactCard/'))).toEqual([]);
    return;
  }
  expect(reply.contacts).toEqual([
    { name: 'Rosa Díaz', email: 'rosa.diaz@example.org' },
    { name: 'Kwame Mensah', email: 'k.mensah@example.net' },
    { name: 'Kwame Mensah', email: 'kwame@example.com' },
    { name: 'Ingrid Løvaas', email: 'ingrid@example.com' },
  ]);
  expect(seen.filter((m) => m.startsWith('ContactCard/'))).toEqual(['ContactCard/query', 'ContactCard/get']);
}, 60_000);
