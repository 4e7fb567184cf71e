/**
 * Request shaping only: what the client puts on the wire and how it maps answers back.
 * The "server" here is an in-process fetch that records requests; nothing in this file
 * claims how a real server behaves (that is in the *.engine.test.ts files).
 */
import { describe, expect, it } from 'vitest';
import { connect } from './client.ts';
import { MethodError, UnsupportedError } from './errors.ts';
import type { Invocation, JmapRequestBody } from './wire/core.ts';

interface FakeOptions {
  maxCallsInRequest?: number;
  maxConcurrentRequests?: number;
  capabilities?: string[];
  answer?: (call: Invocation) => Invocation[];
  delayMs?: number;
  sessionState?: () => string;
  apiStatus?: () => number;
}

function fakeServer(o: FakeOptions = {}) {
  const requests: JmapRequestBody[] = [];
  let sessionFetches = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const session = () => ({
    capabilities: Object.fromEntries(
      ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', ...(o.capabilities ?? [])].map((c) => [
        c,
        c === 'urn:ietf:params:jmap:core'
          ? {
              maxCallsInRequest: o.maxCallsInRequest ?? 50,
              maxConcurrentRequests: o.maxConcurrentRequests ?? 4,
              maxObjectsInGet: 3,
              maxObjectsInSet: 2,
            }
          : {},
      ]),
    ),
    accounts: { A1: { name: 'a', isPersonal: true, isReadOnly: false, accountCapabilities: {} } },
    primaryAccounts: { 'urn:ietf:params:jmap:mail': 'A1', 'urn:ietf:params:jmap:submission': 'A1' },
    username: 'a',
    apiUrl: '/api/',
    uploadUrl: '/up/{accountId}',
    downloadUrl: '/down/{accountId}/{blobId}/{name}?type={type}',
    eventSourceUrl: '/es?types={types}&closeafter={closeafter}&ping={ping}',
    state: 's1',
  });
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    if (path === '/.well-known/jmap') {
      sessionFetches++;
      return Response.json(session());
    }
    const body = JSON.parse(String(init?.body)) as JmapRequestBody;
    requests.push(body);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, o.delayMs ?? 1));
    inFlight--;
    const status = o.apiStatus?.() ?? 200;
    if (status !== 200) return new Response('', { status });
    const methodResponses = body.methodCalls.flatMap(
      (call) =>
        o.answer?.(call) ?? [[call[0], { accountId: call[1].accountId, state: 'x', list: [], notFound: [] }, call[2]] as Invocation],
    );
    return Response.json({ methodResponses, sessionState: o.sessionState?.() ?? 's1' });
  };
  return {
    fetch,
    requests,
    get sessionFetches() {
      return sessionFetches;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const auth = { kind: 'basic' as const, username: 'a', password: 'p' };

describe('batch request shaping', () => {
  it('sends query + get with a back-reference in one request, with `using` from the calls and the default accountId', async () => {
    const server = fakeServer();
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const b = client.batch();
    const q = b.call('Email/query', { filter: { inMailbox: 'I' }, limit: 10 });
    b.call('Email/get', { '#ids': q.ref('/ids'), properties: ['subject'] });
    await b.send();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toEqual({
      using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'],
      methodCalls: [
        ['Email/query', { filter: { inMailbox: 'I' }, limit: 10, accountId: 'A1' }, 'c0'],
        ['Email/get', { '#ids': { resultOf: 'c0', name: 'Email/query', path: '/ids' }, properties: ['subject'], accountId: 'A1' }, 'c1'],
      ],
    });
  });

  it('splits by maxCallsInRequest and answers every call', async () => {
    const server = fakeServer({ maxCallsInRequest: 4 });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const b = client.batch();
    const handles = Array.from({ length: 10 }, (_, i) => b.call('Core/echo', { i }));
    await b.send();
    expect(server.requests.map((r) => r.methodCalls.length)).toEqual([4, 4, 2]);
    expect(server.requests[0]!.using).toEqual(['urn:ietf:params:jmap:core']);
    expect(handles.every((h) => h.settled && h.error === undefined)).toBe(true);
  });

  it('does not send calls whose capability the session lacks, nor the calls depending on them', async () => {
    const server = fakeServer();
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const b = client.batch();
    const v = b.call('VacationResponse/get', { ids: ['singleton'] });
    const m = b.call('Mailbox/get', {});
    await b.send();
    expect(v.error).toBeInstanceOf(UnsupportedError);
    expect(v.error?.message).toBe('The mail server does not support vacation replies');
    expect(m.result.list).toEqual([]);
    expect(server.requests[0]!.methodCalls.map((c) => c[0])).toEqual(['Mailbox/get']);
    await expect(client.call('Identity/get', {})).rejects.toThrow(UnsupportedError);
  });

  it('maps method errors and implicit responses to their calls', async () => {
    const server = fakeServer({
      capabilities: ['urn:ietf:params:jmap:submission'],
      answer: ([name, args, id]) =>
        name === 'Identity/set'
          ? [['error', { type: 'unknownMethod' }, id]]
          : name === 'EmailSubmission/set'
            ? [
                [name, { accountId: args.accountId, newState: '2', created: { s: { id: 'S1' } } }, id],
                ['Email/set', { accountId: args.accountId, newState: '9', updated: { M1: null } }, id],
              ]
            : [[name, {}, id]],
    });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const b = client.batch();
    const i = b.call('Identity/set', { create: { k: { email: 'x@y' } } });
    const s = b.call('EmailSubmission/set', {
      create: { s: { identityId: 'I', emailId: 'M1' } },
      onSuccessUpdateEmail: { '#s': { 'keywords/$draft': null } },
    });
    await b.send();
    expect(i.error).toBeInstanceOf(MethodError);
    expect((i.error as MethodError).type).toBe('unknownMethod');
    expect(s.result.created).toEqual({ s: { id: 'S1' } });
    expect(s.implicit.map((r) => r[0])).toEqual(['Email/set']);
    expect(b.createdIds).toEqual({ s: 'S1' });
    expect(server.requests[0]!.using).toEqual([
      'urn:ietf:params:jmap:core',
      'urn:ietf:params:jmap:mail',
      'urn:ietf:params:jmap:submission',
    ]);
  });

  it('carries creation ids to later requests through createdIds', async () => {
    const server = fakeServer({
      answer: ([name, args, id]) => [
        [name, { accountId: args.accountId, newState: '2', created: name === 'Mailbox/set' ? { box: { id: 'MB1' } } : null }, id],
      ],
    });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const first = client.batch();
    first.call('Mailbox/set', { create: { box: { name: 'New' } } });
    await first.send();
    const second = client.batch({ createdIds: first.createdIds });
    second.call('Email/set', { update: { M1: { 'mailboxIds/#box': true } } });
    await second.send();
    expect(server.requests[1]!.createdIds).toEqual({ box: 'MB1' });
  });

  it('chunks /get ids by maxObjectsInGet and merges the pieces', async () => {
    const server = fakeServer({
      answer: ([name, args, id]) => [
        [name, { accountId: 'A1', state: 's', list: (args.ids as string[]).map((x) => ({ id: x })), notFound: [] }, id],
      ],
    });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const res = await client.getInChunks('Email/get', { ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], properties: ['id'] });
    expect(res.list.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.methodCalls.map((c) => (c[1].ids as string[]).length)).toEqual([3, 3, 1]);
  });

  it('keeps at most maxConcurrentRequests requests in flight', async () => {
    const server = fakeServer({ maxConcurrentRequests: 2, delayMs: 20 });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    await Promise.all(Array.from({ length: 7 }, () => client.call('Core/echo', {})));
    expect(server.requests).toHaveLength(7);
    expect(server.maxInFlight).toBe(2);
  });

  it('refetches the session when a response carries another sessionState, and on 404 from apiUrl', async () => {
    let state = 's1';
    let status = 200;
    const server = fakeServer({ sessionState: () => state, apiStatus: () => status });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    expect(server.sessionFetches).toBe(1);
    await client.call('Core/echo', {});
    expect(server.sessionFetches).toBe(1);
    state = 's2';
    await client.call('Core/echo', {});
    await new Promise((r) => setTimeout(r, 10));
    expect(server.sessionFetches).toBe(2);
    status = 404;
    await expect(client.call('Core/echo', {})).rejects.toThrow('HTTP 404');
    expect(server.sessionFetches).toBe(3);
  });
});

describe('interdependent calls beyond the limit', () => {
  it('fails that group with a limit error without sending it, and sends the rest', async () => {
    const server = fakeServer({ maxCallsInRequest: 3 });
    const client = await connect({ url: 'http://fake.test', auth, fetch: server.fetch });
    const b = client.batch();
    const q = b.call('Email/query', {});
    const gets = [1, 2, 3].map(() => b.call('Email/get', { '#ids': q.ref('/ids') }));
    const alone = b.call('Mailbox/get', {});
    await b.send();
    for (const h of [q, ...gets])
      expect(h.error?.message).toMatch(
        /^The request went over the mail server's limit maxCallsInRequest: 4 method calls depend on each other/,
      );
    expect(alone.error).toBeUndefined();
    expect(server.requests.map((r) => r.methodCalls.map((c) => c[0]))).toEqual([['Mailbox/get']]);
  });
});
