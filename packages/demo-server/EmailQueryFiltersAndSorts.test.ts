import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('Email/query filters, sorts and windows (RFC 8621 4.4, RFC 8620 5.5)', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  let inbox: string;
  let archive: string;
  beforeAll(async () => {
    server = await startTestServer();
    inbox = await server.mailboxId('inbox');
    archive = await server.mailboxId('archive');
    const make = (subject: string, o: JsonObject) => ({
      from: [{ name: 'Zoë Lefèvre', email: 'zoe@example.com' }],
      to: [{ name: null, email: 'alice@example.test' }],
      subject,
      mailboxIds: { [inbox]: true },
      textBody: [{ partId: 't', type: 'text/plain' }],
      bodyValues: { t: { value: `Body of ${subject}` } },
      ...o,
    });
    const r = await server.one('Email/set', {
      create: {
        a: make('Garden plans', { receivedAt: '2026-01-01T10:00:00Z', keywords: { $flagged: true }, messageId: ['garden@x'] }),
        b: make('Re: Garden plans', {
          receivedAt: '2026-01-02T10:00:00Z',
          inReplyTo: ['garden@x'],
          references: ['garden@x'],
          keywords: { $seen: true },
          from: [{ name: 'José', email: 'jose@example.org' }],
        }),
        c: make('Budget review', {
          receivedAt: '2026-01-03T10:00:00Z',
          mailboxIds: { [archive]: true },
          bodyValues: { t: { value: 'The quarterly café budget, with numbers' } },
        }),
        d: make('Zebra facts', {
          receivedAt: '2026-01-04T10:00:00Z',
          keywords: { $seen: true },
          to: [{ name: 'Bob', email: 'bob@example.test' }],
        }),
      },
    });
    for (const [k, v] of Object.entries(r.created as Record<string, { id: string }>)) ids[k] = v.id;
  });
  afterAll(async () => {
    await server.stop();
  });
  const q = async (args: JsonObject) => (await server.one('Email/query', args)).ids as string[];
  const names = (list: string[]) => list.map((id) => Object.keys(ids).find((k) => ids[k] === id));

  it('filters by mailbox, keywords, dates, text, addresses, headers and operators', async () => {
    expect(names(await q({ filter: { inMailbox: archive } }))).toEqual(['c']);
    expect(names(await q({ filter: { inMailboxOtherThan: [inbox] } }))).toEqual(['c']);
    expect(names(await q({ filter: { hasKeyword: '$flagged' } }))).toEqual(['a']);
    expect(names(await q({ filter: { notKeyword: '$seen' }, sort: [{ property: 'receivedAt' }] }))).toEqual(['a', 'c']);
    expect(
      names(await q({ filter: { after: '2026-01-02T10:00:00Z', before: '2026-01-04T00:00:00Z' }, sort: [{ property: 'receivedAt' }] })),
    ).toEqual(['b', 'c']);
    expect(names(await q({ filter: { text: 'cafe quarterly' } }))).toEqual(['c']);
    expect(names(await q({ filter: { body: 'numbers' } }))).toEqual(['c']);
    expect(names(await q({ filter: { subject: 'garden' }, sort: [{ property: 'receivedAt' }] }))).toEqual(['a', 'b']);
    expect(names(await q({ filter: { from: 'lefevre' }, sort: [{ property: 'receivedAt' }] }))).toEqual(['a', 'c', 'd']);
    expect(names(await q({ filter: { to: 'bob@example.test' } }))).toEqual(['d']);
    expect(names(await q({ filter: { header: ['Message-ID', '<garden@x>'] } }))).toEqual(['a']);
    expect(names(await q({ filter: { header: ['In-Reply-To'] } }))).toEqual(['b']);
    expect(
      names(
        await q({
          filter: { operator: 'OR', conditions: [{ hasKeyword: '$flagged' }, { to: 'bob' }] },
          sort: [{ property: 'receivedAt' }],
        }),
      ),
    ).toEqual(['a', 'd']);
    expect(names(await q({ filter: { operator: 'NOT', conditions: [{ inMailbox: inbox }] } }))).toEqual(['c']);
    expect(names(await q({ filter: { someInThreadHaveKeyword: '$flagged' }, sort: [{ property: 'receivedAt' }] }))).toEqual(['a', 'b']);
    expect(names(await q({ filter: { allInThreadHaveKeyword: '$seen' }, sort: [{ property: 'receivedAt' }] }))).toEqual(['d']);
    const bad = await server.call([
      ['Email/query', { accountId: server.accountId(), filter: { colour: 'red' } }, 'x'],
      ['Email/query', { accountId: server.accountId(), sort: [{ property: 'colour' }] }, 'y'],
    ]);
    expect(bad.methodResponses.map((m) => m[1].type)).toEqual(['unsupportedFilter', 'unsupportedSort']);
  });

  it('sorts, collapses threads and windows with position, anchor and limit', async () => {
    expect(names(await q({ sort: [{ property: 'receivedAt', isAscending: false }] }))).toEqual(['d', 'c', 'b', 'a']);
    // "Re: " is not part of the base subject; ties go newest first.
    expect(names(await q({ sort: [{ property: 'subject' }] }))).toEqual(['c', 'b', 'a', 'd']);
    expect(names(await q({ sort: [{ property: 'receivedAt', isAscending: false }], collapseThreads: true }))).toEqual(['d', 'c', 'b']);
    const all = { sort: [{ property: 'receivedAt' }] };
    expect(await server.one('Email/query', { ...all, position: 1, limit: 2, calculateTotal: true })).toMatchObject({
      position: 1,
      total: 4,
      ids: [ids.b, ids.c],
    });
    expect(await server.one('Email/query', { ...all, position: -1 })).toMatchObject({ position: 3, ids: [ids.d] });
    expect(await server.one('Email/query', { ...all, anchor: ids.c!, anchorOffset: -1, limit: 2 })).toMatchObject({
      position: 1,
      ids: [ids.b, ids.c],
    });
    const missing = await server.call([['Email/query', { accountId: server.accountId(), anchor: 'nope' }, 'x']]);
    expect(missing.methodResponses[0]![1]).toMatchObject({ type: 'anchorNotFound' });
  });

  it('highlights search terms in SearchSnippet/get', async () => {
    const r = await server.one('SearchSnippet/get', { filter: { text: 'garden' }, emailIds: [ids.a!, ids.c!, 'missing'] });
    expect(r.list).toEqual([
      { emailId: ids.a, subject: '<mark>Garden</mark> plans', preview: 'Body of <mark>Garden</mark> plans' },
      { emailId: ids.c, subject: null, preview: null },
    ]);
    expect(r.notFound).toEqual(['missing']);
    const inbox2 = await server.mailboxId('inbox');
    const long = await server.one('Email/set', {
      create: {
        l: {
          mailboxIds: { [inbox2]: true },
          subject: 'Long',
          textBody: [{ partId: 't', type: 'text/plain' }],
          bodyValues: { t: { value: 'Lorem ipsum dolor. '.repeat(40) + 'The hidden <treasure> is here. ' + 'More text. '.repeat(20) } },
        },
      },
    });
    const lid = (long.created as Record<string, { id: string }>).l!.id;
    const deep = await server.one('SearchSnippet/get', { filter: { body: 'treasure' }, emailIds: [lid] });
    const preview = (deep.list as { preview: string }[])[0]!.preview;
    expect(preview).toContain('The hidden &lt;<mark>treasure</mark>&gt; is here.');
    expect(preview.length).toBeLessThan(300);
  });

  it('leaves the state alone for a patch that changes nothing', async () => {
    const before = (await server.one('Email/get', { ids: [] })).state;
    const r = await server.one('Email/set', { update: { [ids.a!]: { 'keywords/$flagged': true } } });
    expect(r.updated).toEqual({ [ids.a!]: null });
    expect(r.newState).toBe(before);
  });
});
