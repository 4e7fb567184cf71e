import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('EmailSubmission delivers to local users and logs the rest', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("sends a draft: a copy with its own ids arrives in bob's Inbox, outside mail is only logged, the draft moves to Sent", async () => {
    const drafts = await server.mailboxId('drafts');
    const sent = await server.mailboxId('sent');
    const identity = ((await server.one('Identity/get', { ids: null })).list as JsonObject[])[0]!;
    expect(identity).toMatchObject({ email: 'alice@example.test', mayDelete: false });
    const r = await server.call([
      [
        'Email/set',
        {
          accountId: server.accountId(),
          create: {
            draft: {
              mailboxIds: { [drafts]: true },
              keywords: { $draft: true, $seen: true },
              from: [{ name: 'Alice Example', email: 'alice@example.test' }],
              to: [{ name: 'Bob', email: 'bob@example.test' }],
              cc: [{ name: 'Outside', email: 'someone@elsewhere.example' }],
              bcc: [{ name: null, email: 'secret@elsewhere.example' }],
              subject: 'Lunch on Tuesday? ☕',
              messageId: ['lunch-1@alice.example.test'],
              textBody: [{ partId: 't', type: 'text/plain' }],
              bodyValues: { t: { value: 'Shall we try the new place?' } },
            },
          },
        },
        '0',
      ],
      [
        'EmailSubmission/set',
        {
          accountId: server.accountId(),
          create: { send: { identityId: identity.id as string, emailId: '#draft' } },
          onSuccessUpdateEmail: { '#send': { [`mailboxIds/${drafts}`]: null, [`mailboxIds/${sent}`]: true, 'keywords/$draft': null } },
        },
        '1',
      ],
    ]);
    const [emailSet, subSet, implicit] = r.methodResponses;
    expect(emailSet![0]).toBe('Email/set');
    const emailId = createdId(emailSet![1], 'draft');
    expect(subSet![0]).toBe('EmailSubmission/set');
    const subId = createdId(subSet![1], 'send');
    expect(implicit).toEqual(['Email/set', expect.objectContaining({ updated: { [emailId]: null } }), '1']);
    const mine = await server.one('Email/get', { ids: [emailId], properties: ['mailboxIds', 'keywords', 'bcc'] });
    expect(mine.list).toEqual([
      { id: emailId, mailboxIds: { [sent]: true }, keywords: { $seen: true }, bcc: [{ name: null, email: 'secret@elsewhere.example' }] },
    ]);

    const sub = ((await server.one('EmailSubmission/get', { ids: [subId] })).list as JsonObject[])[0]!;
    expect(sub).toMatchObject({ emailId, undoStatus: 'final', envelope: { mailFrom: { email: 'alice@example.test' } } });
    expect(Object.keys(sub.deliveryStatus as JsonObject).sort()).toEqual([
      'bob@example.test',
      'secret@elsewhere.example',
      'someone@elsewhere.example',
    ]);
    expect((sub.deliveryStatus as Record<string, JsonObject>)['bob@example.test']).toMatchObject({ delivered: 'yes' });

    const found = await server.one('Email/query', { filter: { header: ['Message-ID', 'lunch-1@alice.example.test'] } }, 'bob');
    expect(found.ids).toHaveLength(1);
    const bobsId = (found.ids as string[])[0]!;
    expect(bobsId).not.toBe(emailId);
    const bobs = await server.one('Email/get', { ids: [bobsId], properties: ['subject', 'mailboxIds', 'keywords', 'bcc', 'from'] }, 'bob');
    expect(bobs.list).toEqual([
      {
        id: bobsId,
        subject: 'Lunch on Tuesday? ☕',
        mailboxIds: { [await server.mailboxId('inbox', 'bob')]: true },
        keywords: {},
        bcc: null,
        from: [{ name: 'Alice Example', email: 'alice@example.test' }],
      },
    ]);

    const out = await fetch(`${server.origin}/__demo/outbound`, { headers: { Authorization: server.auth('alice') } });
    const log = (await out.json()) as { rcptTo: string[]; raw: string }[];
    expect(log).toHaveLength(1);
    expect(log[0]!.rcptTo.sort()).toEqual(['secret@elsewhere.example', 'someone@elsewhere.example']);
    expect(log[0]!.raw).not.toMatch(/^Bcc:/im);
    expect(log[0]!.raw).toMatch(/^Subject: =\?UTF-8\?Q\?Lunch_on_Tuesday/m);
    const bobsLog = await fetch(`${server.origin}/__demo/outbound`, { headers: { Authorization: server.auth('bob') } });
    expect(await bobsLog.json()).toEqual([]);
  });

  it('refuses to send as someone else, and cannot unsend', async () => {
    const drafts = await server.mailboxId('drafts');
    const identity = ((await server.one('Identity/get', { ids: null })).list as JsonObject[])[0]!;
    const r = await server.call([
      [
        'Email/set',
        {
          accountId: server.accountId(),
          create: {
            d: {
              mailboxIds: { [drafts]: true },
              from: [{ name: null, email: 'bob@example.test' }],
              to: [{ name: null, email: 'bob@example.test' }],
              subject: 'forged',
            },
          },
        },
        '0',
      ],
      ['EmailSubmission/set', { accountId: server.accountId(), create: { s: { identityId: identity.id as string, emailId: '#d' } } }, '1'],
    ]);
    expect(r.methodResponses[1]![1]).toMatchObject({ notCreated: { s: { type: 'forbiddenFrom' } } });
    const subs = await server.one('EmailSubmission/query', {});
    const first = (subs.ids as string[])[0]!;
    const cancel = await server.one('EmailSubmission/set', { update: { [first]: { undoStatus: 'canceled' } } });
    expect(cancel.notUpdated).toMatchObject({ [first]: { type: 'cannotUnsend' } });
  });
});
