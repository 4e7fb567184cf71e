/**
 * The host keeps the account's one session: many requests, one discovery; a method error
 * is an answer (no refetch, no retry), and a call that says the session is stale
 * (accountNotFound) has it refetched once. The "server" is an in-process fetch.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { FetchLike } from '../jmap/index.ts';
import { MailDb } from '../store/index.ts';
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

it('discovers the session once, refetching it only when a call says it is stale', async () => {
  let sessions = 0;
  let calls = 0;
  const answers = ['forbidden', 'accountNotFound', null, null];
  const fetchImpl: FetchLike = async (url, init) => {
    if (new URL(url).pathname === '/.well-known/jmap') {
      sessions++;
      return Response.json(session);
    }
    const body = JSON.parse(String(init?.body)) as { methodCalls: [string, unknown, string][] };
    const [, , callId] = body.methodCalls[0]!;
    const error = answers[calls++];
    const response = error
      ? ['error', { type: error }, callId]
      : [
          'Email/get',
          { accountId: 'A1', state: 'e1', list: [{ id: 'm1', textBody: [], htmlBody: [], attachments: [], bodyValues: {} }], notFound: [] },
          callId,
        ];
    return Response.json({ methodResponses: [response], sessionState: 's1' });
  };
  const db = new MailDb(`refetch-${randomUUID()}`);
  await db.credentials.put({ accountId: 'A1', url: 'https://mail.example.com', auth: { kind: 'basic', username: 'a', password: 'p' } });
  const host = new EngineHost({ db, locks: inProcessLocks(), fetch: fetchImpl });
  const body = () => host.answer({ type: 'ask', accountId: 'A1', kind: 'body', request: { emailId: 'm1', maxBodyValueBytes: 1000 } });

  expect(await body()).toMatchObject({ ok: false, error: { kind: 'serverError', transient: false } });
  expect([sessions, calls]).toEqual([1, 1]);
  expect(await body()).toMatchObject({ ok: false, error: { kind: 'serverError', transient: true } });
  await new Promise((r) => setTimeout(r, 20));
  expect([sessions, calls]).toEqual([2, 2]);
  for (let i = 0; i < 2; i++) expect(await body()).toMatchObject({ ok: true, reply: { textBody: [] } });
  expect([sessions, calls]).toEqual([2, 4]);
});
