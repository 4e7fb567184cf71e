/**
 * A page's request that the server refuses (wrong or revoked password) follows the host's
 * one rule for refused credentials: the status says "sign in again", and the same
 * credentials are not tried again by later requests (every click on a message would
 * otherwise knock with them, which can lock the account), until new ones are stored.
 * The "server" is an in-process fetch.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { FetchLike } from '../jmap/index.ts';
import { MailDb } from '../store/index.ts';
import { EngineHost } from './engineHost.ts';
import { inProcessLocks } from './lock.ts';

it('says sign in again and asks nothing more with refused credentials, until new ones are stored', async () => {
  let requests = 0;
  let password = 'right';
  const fetchImpl: FetchLike = async (_url, init) => {
    requests++;
    const auth = new Headers(init?.headers).get('Authorization') ?? '';
    if (auth !== `Basic ${btoa(`a:${password}`)}`) return new Response('no', { status: 401 });
    return new Response('{}', { status: 500 });
  };
  password = 'changed elsewhere';
  const db = new MailDb(`refused-${randomUUID()}`);
  await db.credentials.put({ accountId: 'A1', url: 'https://mail.example.com', auth: { kind: 'basic', username: 'a', password: 'right' } });
  const host = new EngineHost({ db, locks: inProcessLocks(), fetch: fetchImpl });
  const body = () => host.answer({ type: 'ask', accountId: 'A1', kind: 'body', request: { emailId: 'm1', maxBodyValueBytes: 1000 } });

  expect(await body()).toMatchObject({ ok: false, error: { kind: 'signInNeeded' } });
  const asked = requests;
  expect(asked).toBeGreaterThan(0);
  expect(await db.syncStatus.get('A1')).toMatchObject({ kind: 'signInNeeded' });
  for (let i = 0; i < 3; i++) expect(await body()).toMatchObject({ ok: false, error: { kind: 'signInNeeded' } });
  expect(requests).toBe(asked);

  // Signed in again: the next request asks the server with the new password.
  await db.credentials.put({
    accountId: 'A1',
    url: 'https://mail.example.com',
    auth: { kind: 'basic', username: 'a', password: 'changed elsewhere' },
  });
  await body();
  expect(requests).toBeGreaterThan(asked);
});
