/**
 * The password changed on the server while actions were queued: the flusher's request is
 * refused (401). Nothing retries it on a timer, every intent stays queued (none dropped,
 * none failed, what the person did still shows), the host is told "sign in again", and
 * once new credentials are in (a flusher with the new sign-in) everything goes out.
 * The test's fetch stands for the server's password check: it accepts the credentials it
 * is told to and answers 401 to the others, forwarding accepted requests with the test
 * user's real credentials.
 */
import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { connect, type Auth, type FetchLike } from '../jmap/index.ts';
import { authorizationHeader } from '../jmap/auth.ts';
import { authFor, backend, connectAs } from '../../testing/backends/connect.ts';
import { waitFor } from '../../testing/wait.ts';
import { createFlusher, type Flusher } from './flusher.ts';
import { enqueue } from './enqueue.ts';
import { UNTIL_SIGNED_IN } from './intents.ts';
import { readEmails, readMailboxes } from './reads.ts';
import { items } from './tables.ts';
import { aliceToBob, byMessageId, freshInboxMessages, identityId, signedInMirror } from '../../testing/mirror/outbox.ts';

const flushers: Flusher[] = [];
afterEach(async () => {
  await Promise.all(flushers.splice(0).map((f) => f.stop()));
});

/** Credentials with a stand-in secret the test's "password check" knows. */
function credentials(secret: string): Auth {
  const real = authFor(backend().users.alice);
  return real.kind === 'basic' ? { ...real, password: secret } : { kind: 'bearer', token: secret };
}

function passwordCheck() {
  const real = authorizationHeader(authFor(backend().users.alice));
  const check = { accepted: new Set<string>(), refusals: 0 };
  const fetchImpl: FetchLike = (url, init) => {
    const headers = new Headers(init?.headers);
    const given = headers.get('Authorization') ?? '';
    if (!check.accepted.has(given)) {
      check.refusals++;
      return Promise.resolve(
        new Response('{"type":"about:blank","status":401}', { status: 401, headers: { 'Content-Type': 'application/problem+json' } }),
      );
    }
    headers.set('Authorization', real);
    return fetch(url, { ...init, headers });
  };
  return { check, fetchImpl };
}

it('waits for a new sign-in after a 401 without retrying on a timer, keeps every intent, then flushes them all', async () => {
  const b = backend();
  const { ids, marker } = await freshInboxMessages(2, 'refused-sign-in');
  const { check, fetchImpl } = passwordCheck();
  const oldAuth = credentials('old-secret');
  const newAuth = credentials('new-secret');
  check.accepted.add(authorizationHeader(oldAuth));
  const s = await signedInMirror();
  const { accountId } = s;
  const db = s.mirror.db;
  const old = await connect({ url: b.origin, auth: oldAuth, fetch: fetchImpl, timeoutMs: 5000 });
  const identity = await identityId(old);

  await enqueue(db, accountId, { kind: 'keywords', emailIds: ids, add: ['$flagged'] });
  await enqueue(db, accountId, { kind: 'mailboxCreate', localId: 'refused-1', name: `${marker} folder`, parentId: null });
  await enqueue(db, accountId, {
    kind: 'send',
    draftId: 'refused-send',
    identityId: identity,
    holdMs: 0,
    content: aliceToBob(`${marker} send`, 'Once.'),
  });
  const queued = await items(db).toArray();
  const messageId = queued.find((i) => i.messageId)!.messageId!;

  // The password is changed on the server: the old credentials are refused from now on.
  check.accepted.clear();
  const told: unknown[] = [];
  const first = createFlusher({ client: old, db, accountId, onNeedSync: s.sync, onSignInNeeded: (e) => told.push(e) });
  flushers.push(first);
  await waitFor('the flusher to meet the refusal', () => told.length > 0, 30_000);
  await first.idle();
  // One refused request; then nothing knocks again, though a retry after any failure of
  // the shared policy's defaults (1 s base) would have come within 3 s.
  expect(check.refusals).toBe(1);
  await new Promise((r) => setTimeout(r, 3_000));
  expect(check.refusals).toBe(1);
  expect(told).toHaveLength(1);

  // Every intent is kept, none failed, each says why it waits; the person still sees it all.
  const waiting = await items(db).toArray();
  expect(waiting.map((i) => i.id).sort()).toEqual(queued.map((i) => i.id).sort());
  for (const item of waiting) {
    expect(item.state).toBe('waiting');
    expect(item.notBefore).toBe(UNTIL_SIGNED_IN);
    expect(item.reason).toMatch(/sign in again/i);
  }
  expect((await readEmails(db, accountId, ids)).every((e) => e?.keywords.$flagged)).toBe(true);
  expect((await readMailboxes(db, accountId)).some((m) => m.name === `${marker} folder`)).toBe(true);

  // The person asks (an urgent wake): checked once more, refused once more, still kept.
  first.wake(true);
  await waitFor('the one re-check', () => told.length === 2, 30_000);
  await first.idle();
  await new Promise((r) => setTimeout(r, 1_500));
  expect(check.refusals).toBe(2);
  expect(await items(db).count()).toBe(queued.length);
  await first.stop();

  // Signed in again with the new password: a flusher with that client sends everything.
  check.accepted.add(authorizationHeader(newAuth));
  const signedIn = await connect({ url: b.origin, auth: newAuth, fetch: fetchImpl, timeoutMs: 5000 });
  const second = createFlusher({ client: signedIn, db, accountId, onNeedSync: s.sync, onSignInNeeded: (e) => told.push(e) });
  flushers.push(second);
  await waitFor('the outbox to drain', async () => (await items(db).count()) === 0, 60_000);
  await second.idle();
  expect(check.refusals).toBe(2);

  const alice = await connectAs('alice');
  const server = await alice.call('Email/get', { ids, properties: ['keywords'] });
  for (const e of server.list) expect(e.keywords!.$flagged).toBe(true);
  expect((await alice.call('Mailbox/get', { ids: null })).list.filter((m) => m.name === `${marker} folder`)).toHaveLength(1);
  const received = await waitFor(
    'bob to receive the message',
    async () => {
      const list = await byMessageId('bob', messageId);
      return list.length ? list : undefined;
    },
    30_000,
  );
  expect(received).toHaveLength(1);
}, 120_000);
