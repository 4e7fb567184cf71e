import { describe, expect, it } from 'vitest';
import { chunk, chunkSetArgs, groupCalls, hashNamesIn, planRequests, UnsplittableError, type PlannedCall } from './split.ts';

const call = (callId: string, method: string, args: Record<string, unknown> = {}): PlannedCall => ({ callId, method, args });
const ref = (resultOf: string, name: string, path: string) => ({ resultOf, name, path });

describe('grouping calls by references', () => {
  it('joins a /get to the /query whose ids it references, and chains transitively', () => {
    const calls = [
      call('c0', 'Email/query', {}),
      call('c1', 'Mailbox/get', {}),
      call('c2', 'Email/get', { '#ids': ref('c0', 'Email/query', '/ids') }),
      call('c3', 'Thread/get', { '#ids': ref('c2', 'Email/get', '/list/*/threadId') }),
    ];
    expect(groupCalls(calls)).toEqual([[0, 2, 3], [1]]);
  });

  it('joins calls that use "#creationId" of an object created earlier, in values, keys and patch paths', () => {
    const calls = [
      call('c0', 'Mailbox/set', { create: { box: { name: 'New' } } }),
      call('c1', 'Email/query', {}),
      call('c2', 'Email/set', { create: { draft: { mailboxIds: { '#box': true } } } }),
      call('c3', 'EmailSubmission/set', { create: { sub: { emailId: '#draft', identityId: 'i1' } } }),
      call('c4', 'Email/set', { update: { m1: { 'mailboxIds/#box': true } } }),
    ];
    expect(groupCalls(calls)).toEqual([[0, 2, 3, 4], [1]]);
  });

  it('does not treat a "#x" as a creation reference when no earlier call creates x', () => {
    const calls = [call('c0', 'Email/set', { update: { a: { subject: 'Meeting #1' } } }), call('c1', 'Email/set', { create: { 1: {} } })];
    expect(groupCalls(calls)).toEqual([[0], [1]]);
  });

  it('finds "#names" but skips top-level result references', () => {
    expect([...hashNamesIn({ '#ids': ref('c0', 'X/query', '/ids'), emailId: '#k', map: { '#m': true } })]).toEqual(['k', 'm']);
  });
});

describe('planning requests', () => {
  it('splits 120 independent calls into requests of at most 50', () => {
    const calls = Array.from({ length: 120 }, (_, i) => call(`c${i}`, 'Core/echo', { i }));
    const plan = planRequests(calls, { maxCallsInRequest: 50 });
    expect(plan.map((r) => r.length)).toEqual([50, 50, 20]);
    expect(plan.flat()).toEqual(calls.map((_, i) => i));
  });

  it('never separates a call from the call it references, even across a boundary', () => {
    const calls: PlannedCall[] = [];
    for (let i = 0; i < 30; i++) {
      calls.push(call(`q${i}`, 'Email/query', {}));
      calls.push(call(`g${i}`, 'Email/get', { '#ids': ref(`q${i}`, 'Email/query', '/ids') }));
    }
    const plan = planRequests(calls, { maxCallsInRequest: 7 });
    for (const request of plan) {
      expect(request.length).toBeLessThanOrEqual(7);
      const ids = new Set(request.map((i) => calls[i]!.callId));
      for (const i of request) {
        const r = calls[i]!.args['#ids'] as { resultOf: string } | undefined;
        if (r) expect(ids.has(r.resultOf)).toBe(true);
      }
    }
    expect(plan.flat().sort((a, b) => a - b)).toEqual(calls.map((_, i) => i));
  });

  it('keeps the original order inside a request', () => {
    const calls = [
      call('c0', 'Email/query'),
      call('c1', 'Mailbox/get'),
      call('c2', 'Email/get', { '#ids': ref('c0', 'Email/query', '/ids') }),
    ];
    expect(planRequests(calls, { maxCallsInRequest: 3 })).toEqual([[0, 1, 2]]);
    expect(planRequests(calls, { maxCallsInRequest: 2 })).toEqual([[0, 2], [1]]);
  });

  it('refuses a group bigger than the limit with a readable reason', () => {
    const calls = [
      call('c0', 'Email/query'),
      ...[1, 2, 3].map((i) => call(`c${i}`, 'Email/get', { '#ids': ref('c0', 'Email/query', '/ids') })),
    ];
    expect(() => planRequests(calls, { maxCallsInRequest: 3 })).toThrow(UnsplittableError);
    expect(() => planRequests(calls, { maxCallsInRequest: 3 })).toThrow('4 method calls depend on each other');
  });

  it('also packs by maxSizeRequest', () => {
    const big = 'x'.repeat(3000);
    const calls = Array.from({ length: 6 }, (_, i) => call(`c${i}`, 'Core/echo', { big }));
    const plan = planRequests(calls, { maxCallsInRequest: 50, maxSizeRequest: 10_000 });
    expect(plan.map((r) => r.length)).toEqual([2, 2, 2]);
  });
});

describe('chunking by object limits', () => {
  it('chunks id lists', () => {
    expect(chunk(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('splits /set arguments by maxObjectsInSet, keeping ifInState only on the first piece', () => {
    const pieces = chunkSetArgs(
      { accountId: 'a', ifInState: 's1', create: { k1: { x: 1 } }, update: { u1: {}, u2: {} }, destroy: ['d1', 'd2'] },
      2,
    );
    expect(pieces).toEqual([
      { accountId: 'a', ifInState: 's1', create: { k1: { x: 1 } }, update: { u1: {} } },
      { accountId: 'a', update: { u2: {} }, destroy: ['d1'] },
      { accountId: 'a', destroy: ['d2'] },
    ]);
    const small = { accountId: 'a', destroy: ['x'] };
    expect(chunkSetArgs(small, 2)).toEqual([small]);
  });
});
