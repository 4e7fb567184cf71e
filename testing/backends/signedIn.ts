/**
 * A device's database as a sign-in leaves it: alice's account row and the credentials the
 * host signs in with (by default her real ones; a test of refused passwords stores others).
 */
import { randomUUID } from 'node:crypto';
import { connect, type Auth } from '../../src/jmap/index.ts';
import { MailDb, keepSignIn } from '../../src/store/index.ts';
import type { TestServer } from '../../packages/demo-server/test-harness.ts';
import { authFor, backend } from './connect.ts';

export async function signedInDb(auth?: Auth): Promise<{ db: MailDb; name: string; accountId: string }> {
  const b = backend();
  const client = await connect({ url: b.origin, auth: authFor(b.users.alice) });
  const name = `signed-in-${randomUUID()}`;
  const db = new MailDb(name);
  await db.accounts.put({
    id: client.accountId,
    sessionUrl: client.sessionUrl,
    username: client.username,
    name: client.username,
    addedAt: Date.now(),
  });
  await db.credentials.put({ accountId: client.accountId, url: b.origin, auth: auth ?? authFor(b.users.alice) });
  return { db, name, accountId: client.accountId };
}

/** A fresh device database signed in as alice to a demo server running in this process. */
export async function signedInToTestServer(server: TestServer, label: string): Promise<{ db: MailDb; accountId: string }> {
  const accountId = server.accountId('alice');
  const db = new MailDb(`${label}-${randomUUID()}`);
  await keepSignIn(
    db,
    { id: accountId, sessionUrl: `${server.origin}/jmap/`, username: 'alice', name: 'alice', addedAt: Date.now() },
    { accountId, url: server.origin, auth: { kind: 'basic', username: 'alice', password: 'alice-password' } },
  );
  return { db, accountId };
}
