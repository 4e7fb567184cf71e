import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, rawMessage, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('result references and creation ids (RFC 8620 3.3, 3.7)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('chains /changes -> /get with #ids and query -> get -> thread -> get with /list/*/threadId', async () => {
    const acc = server.accountId();
    const state = (await server.one('Email/get', { ids: [] })).state as string;
    const a = await deliver(server, 'alice', rawMessage({ subject: 'root', messageId: 'root@x' }));
    const b = await deliver(server, 'alice', rawMessage({ subject: 'Re: root', messageId: 'reply@x', inReplyTo: 'root@x' }));
    expect(b.threadId).toBe(a.threadId);
    const r = await server.call([
      ['Email/changes', { accountId: acc, sinceState: state }, 'c'],
      ['Email/get', { accountId: acc, '#ids': { resultOf: 'c', name: 'Email/changes', path: '/created' }, properties: ['threadId'] }, 'g'],
      ['Thread/get', { accountId: acc, '#ids': { resultOf: 'g', name: 'Email/get', path: '/list/*/threadId' } }, 't'],
      [
        'Email/get',
        { accountId: acc, '#ids': { resultOf: 't', name: 'Thread/get', path: '/list/*/emailIds' }, properties: ['subject'] },
        'e',
      ],
    ]);
    const [, get, thread, emails] = r.methodResponses;
    expect((get![1].list as JsonObject[]).map((x) => x.id).sort()).toEqual([a.emailId, b.emailId].sort());
    expect(thread![1].list).toEqual([{ id: a.threadId, emailIds: [a.emailId, b.emailId] }]);
    expect((emails![1].list as JsonObject[]).map((x) => x.subject)).toEqual(['root', 'Re: root']);
  });

  it('refuses bad references with invalidResultReference, and a key given twice with invalidArguments', async () => {
    const acc = server.accountId();
    const r = await server.call([
      ['Email/query', { accountId: acc }, 'q'],
      ['Email/get', { accountId: acc, '#ids': { resultOf: 'nope', name: 'Email/query', path: '/ids' } }, 'a'],
      ['Email/get', { accountId: acc, '#ids': { resultOf: 'q', name: 'Mailbox/get', path: '/ids' } }, 'b'],
      ['Email/get', { accountId: acc, '#ids': { resultOf: 'q', name: 'Email/query', path: '/nothing' } }, 'c'],
      ['Email/get', { accountId: acc, ids: [], '#ids': { resultOf: 'q', name: 'Email/query', path: '/ids' } }, 'd'],
    ]);
    expect(r.methodResponses.slice(1).map((m) => m[1].type)).toEqual([
      'invalidResultReference',
      'invalidResultReference',
      'invalidResultReference',
      'invalidArguments',
    ]);
  });

  it('resolves #creationIds across calls, returns createdIds when sent, and keeps ids given in createdIds', async () => {
    const acc = server.accountId();
    const r = await server.call(
      [
        [
          'Mailbox/set',
          { accountId: acc, create: { parent: { name: 'Parent', parentId: null }, child: { name: 'Child', parentId: '#parent' } } },
          '0',
        ],
        [
          'Email/set',
          { accountId: acc, create: { mail: { mailboxIds: { '#child': true }, subject: 'In the child', keywords: { $seen: true } } } },
          '1',
        ],
        ['Email/get', { accountId: acc, ids: ['#mail', '#unknown'], properties: ['mailboxIds'] }, '2'],
        ['Email/set', { accountId: acc, update: { '#mail': { 'mailboxIds/#earlier': true } } }, '3'],
      ],
      'alice',
      { createdIds: { earlier: await server.mailboxId('archive') } },
    );
    const created = r.methodResponses[0]![1].created as Record<string, { id: string }>;
    const mail = (r.methodResponses[1]![1].created as Record<string, { id: string }>).mail!.id;
    expect(r.methodResponses[2]![1]).toMatchObject({
      list: [{ id: mail, mailboxIds: { [created.child!.id]: true } }],
      notFound: ['#unknown'],
    });
    expect(r.methodResponses[3]![1]).toMatchObject({ updated: { [mail]: null } });
    expect(r.createdIds).toEqual({
      earlier: await server.mailboxId('archive'),
      parent: created.parent!.id,
      child: created.child!.id,
      mail,
    });
    const plain = await server.call([['Core/echo', { hello: [1, 'two'] }, 'e']]);
    expect(plain.createdIds).toBeUndefined();
    expect(plain.methodResponses).toEqual([['Core/echo', { hello: [1, 'two'] }, 'e']]);
  });

  it('ifInState: stateMismatch when the state moved on', async () => {
    const acc = server.accountId();
    const state = (await server.one('Mailbox/get', { ids: [] })).state as string;
    await server.one('Mailbox/set', { create: { x: { name: 'Moves state', parentId: null } } });
    const r = await server.call([
      ['Mailbox/set', { accountId: acc, ifInState: state, create: { y: { name: 'Never', parentId: null } } }, 's'],
    ]);
    expect(r.methodResponses[0]![1]).toMatchObject({ type: 'stateMismatch' });
  });

  it('a wrong account or missing accountId is a method error, a wrong password a 401 with a reason', async () => {
    const r = await server.call([
      ['Mailbox/get', { accountId: server.accountId('bob') }, 'a'],
      ['Mailbox/get', {}, 'b'],
    ]);
    expect(r.methodResponses.map((m) => m[1].type)).toEqual(['accountNotFound', 'invalidArguments']);
    const res = await fetch(`${server.origin}/jmap/`, {
      headers: { Authorization: 'Basic ' + Buffer.from('alice:wrong').toString('base64') },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Basic realm=');
    expect(((await res.json()) as { detail: string }).detail).toBe('Wrong username or password');
  });
});
