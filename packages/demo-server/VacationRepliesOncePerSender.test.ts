import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, rawMessage, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('vacation auto-replies (RFC 8621 8, RFC 3834)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  const bobsInbox = async () => {
    const q = await server.one('Email/query', { filter: { subject: 'Away' } }, 'bob');
    return (
      await server.one(
        'Email/get',
        { ids: q.ids as string[], properties: ['subject', 'from', 'inReplyTo', 'header:Auto-Submitted:asText'] },
        'bob',
      )
    ).list as JsonObject[];
  };

  it('answers the first message from each sender while on, never lists or automatic mail, and only within its dates', async () => {
    await server.one('VacationResponse/set', {
      update: { singleton: { isEnabled: true, subject: 'Away until Monday', textBody: 'I am hiking.' } },
    });
    await deliver(server, 'alice', rawMessage({ from: 'Bob <bob@example.test>', subject: 'Question', messageId: 'q1@bob' }));
    await deliver(server, 'alice', rawMessage({ from: 'Bob <bob@example.test>', subject: 'Another question' }));
    const replies = await bobsInbox();
    expect(replies).toEqual([
      {
        id: expect.any(String),
        subject: 'Away until Monday',
        from: [{ name: 'Alice Example', email: 'alice@example.test' }],
        inReplyTo: ['q1@bob'],
        'header:Auto-Submitted:asText': 'auto-replied',
      },
    ]);

    await deliver(
      server,
      'alice',
      rawMessage({ from: 'List <list@lists.example>', subject: 'Digest' }).replace(
        'MIME-Version',
        'List-Id: <digest.lists.example>\r\nMIME-Version',
      ),
    );
    await deliver(
      server,
      'alice',
      rawMessage({ from: 'Robot <robot@outside.example>', subject: 'Notice' }).replace(
        'MIME-Version',
        'Auto-Submitted: auto-generated\r\nMIME-Version',
      ),
    );
    await deliver(server, 'alice', rawMessage({ from: 'Carol <carol@outside.example>', subject: 'Hi' }));
    const out = (await (await fetch(`${server.origin}/__demo/outbound`, { headers: { Authorization: server.auth() } })).json()) as {
      rcptTo: string[];
    }[];
    expect(out.map((o) => o.rcptTo)).toEqual([['carol@outside.example']]);

    await server.one('VacationResponse/set', { update: { singleton: { fromDate: '2099-01-01T00:00:00Z' } } });
    await deliver(server, 'alice', rawMessage({ from: 'Bob <bob@example.test>', subject: 'Too early' }));
    expect(await bobsInbox()).toHaveLength(1);
    // The test clock moves the server into the vacation.
    await server.control({ clockOffsetMs: Date.parse('2099-01-02T00:00:00Z') - Date.now() });
    await deliver(server, 'alice', rawMessage({ from: 'Bob <bob@example.test>', subject: 'Now' }));
    await server.control({ clockOffsetMs: 0 });
    expect(await bobsInbox()).toHaveLength(2);
  });
});
