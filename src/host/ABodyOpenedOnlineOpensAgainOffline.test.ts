/**
 * A body a page asks the host for (a message opened online) is kept in the mirror's body
 * table, as the engine keeps one: counted in the usage, so it opens again offline and the
 * budget sees it; over the budget the oldest bodies go first. The "server" is an
 * in-process fetch.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { FetchLike } from '../jmap/index.ts';
import { DexieSyncCache, MailDb } from '../store/index.ts';
import { body, email, uniqueDbName } from '../../testing/records.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

const session = {
  capabilities: {
    'urn:ietf:params:jmap:core': { maxCallsInRequest: 16, maxConcurrentRequests: 4, maxObjectsInGet: 500 },
    'urn:ietf:params:jmap:mail': {},
  },
  accounts: { A1: { name: 'a', isPersonal: true, isReadOnly: false, accountCapabilities: { 'urn:ietf:params:jmap:mail': {} } } },
  primaryAccounts: { 'urn:ietf:params:jmap:mail': 'A1' },
  username: 'a',
  apiUrl: '/api/',
  uploadUrl: '/up/{accountId}',
  downloadUrl: '/down/{accountId}/{blobId}/{name}?type={type}',
  eventSourceUrl: '/es',
  state: 's1',
};

const RECEIVED = Date.UTC(2020, 0, 2);
const text = 'Opened on the ground, read on the plane. '.repeat(20);

const fetchImpl: FetchLike = async (url, init) => {
  if (new URL(url).pathname === '/.well-known/jmap') return Response.json(session);
  const request = JSON.parse(String(init?.body)) as { methodCalls: [string, { ids: string[] }, string][] };
  const [, args, callId] = request.methodCalls[0]!;
  const list = args.ids.map((id) => ({
    id,
    receivedAt: new Date(RECEIVED).toISOString(),
    textBody: [{ partId: '1', type: 'text/plain', size: text.length }],
    htmlBody: [{ partId: '1', type: 'text/plain', size: text.length }],
    attachments: [],
    bodyValues: { '1': { value: text, isTruncated: false, isEncodingProblem: false } },
    headers: [],
    replyTo: null,
    bcc: null,
    inReplyTo: null,
    references: null,
  }));
  return Response.json({
    methodResponses: [['Email/get', { accountId: 'A1', state: 'e1', list, notFound: [] }, callId]],
    sessionState: 's1',
  });
};

it('keeps a body opened online in the mirror, counted in the usage, within the budget', async () => {
  const db = new MailDb(uniqueDbName('kept-bodies'));
  const cache = new DexieSyncCache(db);
  await db.credentials.put({ accountId: 'A1', url: 'https://mail.example.com', auth: { kind: 'basic', username: 'a', password: 'p' } });
  // An old message outside any offline window, in the mirror without its body; and an
  // older one whose body fills the whole default budget.
  const older = body('A1', 'm0', RECEIVED - 1000, 50 * 1024 * 1024);
  await cache.apply('A1', {
    emails: { put: [email('A1', 'm0', 't0', ['archive'], RECEIVED - 1000), email('A1', 'm1', 't1', ['archive'], RECEIVED)] },
  });
  await cache.apply('A1', { bodies: { put: [older] } });
  const host = new EngineHost({ db, locks: inProcessLocks(), fetch: fetchImpl });

  const answer = await host.answer({
    type: 'ask',
    accountId: 'A1',
    kind: 'body',
    request: { emailId: 'm1', maxBodyValueBytes: 2_000_000 },
  });
  expect(answer).toMatchObject({ ok: true, reply: { bodyValues: { '1': { value: text } } } });

  const kept = await db.bodies.get(['A1', 'm1']);
  expect(kept?.bodyValues['1']?.value).toBe(text);
  expect(kept?.receivedMs).toBe(RECEIVED);
  // Over the budget: the oldest body went, the one just opened stays, and the usage says so.
  expect(await db.bodies.get(['A1', 'm0'])).toBeUndefined();
  expect(await cache.bodyBytes('A1')).toBe(kept!.bytes);

  // A message the mirror does not hold (a search hit not listed yet) keeps nothing.
  await host.answer({ type: 'ask', accountId: 'A1', kind: 'body', request: { emailId: 'gone', maxBodyValueBytes: 2_000_000 } });
  expect(await db.bodies.get(['A1', 'gone'])).toBeUndefined();
  await host.stopAll();
});
