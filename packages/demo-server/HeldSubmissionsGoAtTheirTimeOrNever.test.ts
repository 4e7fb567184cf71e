import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

/** RFC 8621 7 with RFC 4865 FUTURERELEASE: the server holds, sends at the time, or never once canceled. */
describe('held submissions go at their time, or never once canceled', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  async function hold(subject: string, parameters: JsonObject): Promise<string> {
    const drafts = await server.mailboxId('drafts');
    const identity = ((await server.one('Identity/get', { ids: null })).list as JsonObject[])[0]!;
    const r = await server.call([
      [
        'Email/set',
        {
          accountId: server.accountId(),
          create: {
            m: {
              mailboxIds: { [drafts]: true },
              keywords: { $draft: true },
              from: [{ name: null, email: 'alice@example.test' }],
              to: [{ name: null, email: 'bob@example.test' }],
              subject,
              textBody: [{ partId: 't', type: 'text/plain' }],
              bodyValues: { t: { value: 'later' } },
            },
          },
        },
        '0',
      ],
      [
        'EmailSubmission/set',
        {
          accountId: server.accountId(),
          create: {
            s: {
              identityId: identity.id as string,
              emailId: '#m',
              envelope: { mailFrom: { email: 'alice@example.test', parameters }, rcptTo: [{ email: 'bob@example.test' }] },
            },
          },
        },
        '1',
      ],
    ]);
    return createdId(r.methodResponses[1]![1], 's');
  }
  const arrived = async (subject: string) => ((await server.one('Email/query', { filter: { subject } }, 'bob')).ids as string[]).length;
  const status = async (id: string) => ((await server.one('EmailSubmission/get', { ids: [id] })).list as JsonObject[])[0]!.undoStatus;

  it('offers 30 days, holds until HOLDUNTIL / HOLDFOR, lists held ones, cancels, and refuses what it cannot do', async () => {
    const session = (await (await fetch(`${server.origin}/jmap/`, { headers: { Authorization: server.auth('alice') } })).json()) as {
      accounts: Record<string, { accountCapabilities: Record<string, JsonObject> }>;
    };
    const sub = Object.values(session.accounts)[0]!.accountCapabilities['urn:ietf:params:jmap:submission']!;
    expect(sub.maxDelayedSend).toBe(30 * 86400);

    const until = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const a = await hold('held until', { HOLDUNTIL: until });
    const b = await hold('held for', { HOLDFOR: '7200' });
    const c = await hold('canceled', { HOLDFOR: '600' });
    expect(await status(a)).toBe('pending');
    const pending = await server.one('EmailSubmission/query', { filter: { undoStatus: 'pending' } });
    expect(pending.ids).toEqual([a, b, c]);
    const got = ((await server.one('EmailSubmission/get', { ids: [a] })).list as JsonObject[])[0]!;
    expect(got.sendAt).toBe(until);

    const cancel = await server.one('EmailSubmission/set', { update: { [c]: { undoStatus: 'canceled' } } });
    expect(cancel.updated).toEqual({ [c]: null });
    expect(await arrived('held until')).toBe(0);

    await server.control({ clockOffsetMs: 3601_000 });
    expect(await arrived('held until')).toBe(1);
    expect(await arrived('held for')).toBe(0);
    expect(await status(a)).toBe('final');
    const late = await server.one('EmailSubmission/set', { update: { [a]: { undoStatus: 'canceled' } } });
    expect(late.notUpdated).toMatchObject({ [a]: { type: 'cannotUnsend' } });

    await server.control({ clockOffsetMs: 7201_000 });
    expect(await arrived('held for')).toBe(1);
    expect(await arrived('canceled')).toBe(0);
    expect(await status(c)).toBe('canceled');

    const tooFar = await server.call([
      ['EmailSubmission/set', { accountId: server.accountId(), create: { x: { identityId: 'x', emailId: 'y', sendAt: until } } }, '0'],
    ]);
    expect(tooFar.methodResponses[0]![1]).toMatchObject({ notCreated: { x: { type: 'invalidProperties', properties: ['sendAt'] } } });
    await server.control({ clockOffsetMs: 0 });
  });
});
