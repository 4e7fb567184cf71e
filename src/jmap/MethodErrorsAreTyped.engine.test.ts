import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { isUnsupported, MethodError } from './errors.ts';
import { connectAs } from '../../testing/backends/connect.ts';

describe('method-level errors from the real server', () => {
  it('ifInState that no longer matches -> stateMismatch, resync', async () => {
    const client = await connectAs('alice');
    const err = await client.call('Mailbox/set', { ifInState: 'not-the-current-state', create: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MethodError);
    expect((err as MethodError).type).toBe('stateMismatch');
    expect(classify(err)).toEqual({ action: 'resync' });
  });

  it('an unknown account -> accountNotFound, refetch the session', async () => {
    const client = await connectAs('alice');
    const err = await client.call('Mailbox/get', { accountId: 'no-such-account', ids: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MethodError);
    expect((err as MethodError).type).toBe('accountNotFound');
    expect(classify(err)).toEqual({ action: 'refetchSession' });
  });

  it('a method the server does not know -> unknownMethod, "not supported"', async () => {
    const client = await connectAs('alice');
    const b = client.batch();
    const h = b.callUntyped('Mailbox/frobnicate', { accountId: client.accountId }, [
      'urn:ietf:params:jmap:core',
      'urn:ietf:params:jmap:mail',
    ]);
    const ok = b.call('Mailbox/get', { ids: [] });
    await b.send();
    expect((h.error as MethodError).type).toBe('unknownMethod');
    expect(isUnsupported(h.error)).toBe(true);
    // One failing call does not spoil its neighbours.
    expect(typeof ok.result.state).toBe('string');
  });

  it('a reference to a failed call -> the dependent call fails too, with a typed error', async () => {
    const client = await connectAs('alice');
    const b = client.batch();
    const q = b.call('Email/query', { filter: { inMailbox: 'no-such-mailbox' }, sort: [{ property: 'nonsense-property' }] });
    const g = b.call('Email/get', { '#ids': q.ref('/ids'), properties: ['subject'] });
    await b.send();
    expect(q.error).toBeInstanceOf(MethodError);
    expect(g.error).toBeInstanceOf(MethodError);
    // Cyrus 3.6 says "resultReference"; the client normalises it to the RFC name.
    expect(['invalidResultReference', 'invalidArguments']).toContain((g.error as MethodError).type);
    expect(classify(g.error).action).toBe('permanent');
  });
});
