import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, deliver, rawMessage, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('Email/copy, onSuccessDestroyEmail and Bearer tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('copies an email to a new id with the same message, optionally destroying the original', async () => {
    const { emailId } = await deliver(server, 'alice', rawMessage({ subject: 'Copy me' }));
    const archive = await server.mailboxId('archive');
    const acc = server.accountId();
    const r = await server.call([
      [
        'Email/copy',
        {
          fromAccountId: acc,
          accountId: acc,
          create: { c: { id: emailId, mailboxIds: { [archive]: true } } },
          onSuccessDestroyOriginal: true,
        },
        '0',
      ],
    ]);
    const [copy, destroy] = r.methodResponses;
    expect(copy![0]).toBe('Email/copy');
    const newId = createdId(copy![1], 'c');
    expect(newId).not.toBe(emailId);
    expect(destroy).toEqual(['Email/set', expect.objectContaining({ destroyed: [emailId] }), '0']);
    const got = await server.one('Email/get', { ids: [newId, emailId], properties: ['subject', 'mailboxIds'] });
    expect(got.list).toEqual([{ id: newId, subject: 'Copy me', mailboxIds: { [archive]: true } }]);
    expect(got.notFound).toEqual([emailId]);
  });

  it('destroys the sent draft with onSuccessDestroyEmail', async () => {
    const drafts = await server.mailboxId('drafts');
    const identity = ((await server.one('Identity/get', { ids: null })).list as JsonObject[])[0]!;
    const acc = server.accountId();
    const r = await server.call([
      [
        'Email/set',
        {
          accountId: acc,
          create: {
            d: {
              mailboxIds: { [drafts]: true },
              from: [{ name: null, email: 'alice@example.test' }],
              to: [{ name: null, email: 'bob@example.test' }],
              subject: 'Bye draft',
            },
          },
        },
        '0',
      ],
      [
        'EmailSubmission/set',
        { accountId: acc, create: { s: { identityId: identity.id as string, emailId: '#d' } }, onSuccessDestroyEmail: ['#s'] },
        '1',
      ],
    ]);
    const draftId = createdId(r.methodResponses[0]![1], 'd');
    expect(r.methodResponses[2]).toEqual(['Email/set', expect.objectContaining({ destroyed: [draftId] }), '1']);
  });

  it("accepts the user's Bearer token and refuses a wrong one", async () => {
    const { tokenFor } = await import('./data/users.ts');
    const ok = await fetch(`${server.origin}/jmap/`, { headers: { Authorization: `Bearer ${tokenFor('alice', 'alice-password')}` } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { username: string }).username).toBe('alice');
    const bad = await fetch(`${server.origin}/jmap/`, { headers: { Authorization: 'Bearer demo_wrong' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { detail: string }).detail).toBe('The access token is not valid');
  });
});
