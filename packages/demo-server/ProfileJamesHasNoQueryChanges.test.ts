import { afterEach, describe, expect, it } from 'vitest';
import { deliver, openEvents, rawMessage, startTestServer, type TestServer } from './test-harness.ts';

describe('server profiles imitate real servers', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });
  const sessionOf = async (headers: Record<string, string>, path = '/.well-known/jmap') => {
    const res = await fetch(server.origin + path, { headers });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null, res };
  };

  it('james: no Email/queryChanges, canCalculateChanges false, no total, stuck Email/changes, required push parameters', async () => {
    server = await startTestServer({ profile: 'james' });
    const q = await server.one('Email/query', { calculateTotal: true });
    expect(q.canCalculateChanges).toBe(false);
    expect(q).not.toHaveProperty('total');
    const r = await server.call([['Email/queryChanges', { accountId: server.accountId(), sinceQueryState: q.queryState as string }, 'qc']]);
    expect(r.methodResponses[0]).toEqual(['error', expect.objectContaining({ type: 'unknownMethod' }), 'qc']);
    const start = (await server.one('Email/get', { ids: [] })).state as string;
    for (let i = 0; i < 3; i++) await deliver(server, 'alice', rawMessage({ subject: `j${i}` }));
    const page = await server.one('Email/changes', { sinceState: start, maxChanges: 1 });
    expect(page).toMatchObject({ hasMoreChanges: true, newState: start });
    const bare = await fetch(`${server.origin}/jmap/eventsource/?types=*`, { headers: { Authorization: server.auth() } });
    expect(bare.status).toBe(400);
    const session = (await sessionOf({ Authorization: server.auth() }, '/jmap/session')).body!;
    expect(session.eventSourceUrl).toBe(`${server.origin}/jmap/eventsource/?types={types}&closeAfter={closeafter}&ping={ping}`);
    const ok = await openEvents(`${server.origin}/jmap/eventsource/?types=*&closeAfter=no&ping=0`, { Authorization: server.auth() });
    expect(ok.status).toBe(200);
    ok.close();
  });

  it('default and cyrus: relative session URLs; stalwart and james: absolute ones behind a redirect', async () => {
    server = await startTestServer();
    const wk = await fetch(`${server.origin}/.well-known/jmap`, { redirect: 'manual' });
    expect(wk.status).toBe(301);
    expect(wk.headers.get('location')).toBe('/jmap/');
    const rel = (await sessionOf({ Authorization: server.auth() }, '/jmap/')).body!;
    expect(rel.apiUrl).toBe('/jmap/api/');
    await server.stop();
    server = await startTestServer({ profile: 'stalwart' });
    const wk2 = await fetch(`${server.origin}/.well-known/jmap`, { redirect: 'manual' });
    expect(wk2.status).toBe(307);
    expect(wk2.headers.get('location')).toBe(`${server.origin}/jmap/session`);
    const abs = (await sessionOf({ Authorization: server.auth() })).body!;
    expect(abs.apiUrl).toBe(`${server.origin}/jmap/api/`);
  });

  it('stalwart: ping interval in milliseconds, no event ids, nothing pushed without types', async () => {
    server = await startTestServer({ profile: 'stalwart' });
    const none = await openEvents(`${server.origin}/jmap/eventsource/?closeafter=no&ping=0`, { Authorization: server.auth() });
    await deliver(server, 'alice', rawMessage());
    expect(await none.next(400)).toBe('timeout');
    none.close();
    const all = await openEvents(`${server.origin}/jmap/eventsource/?types=*&closeafter=no&ping=0`, { Authorization: server.auth() });
    await deliver(server, 'alice', rawMessage());
    const ev = await all.next(1000);
    all.close();
    if (typeof ev === 'string') throw new Error(ev);
    expect(ev.id).toBeNull();
  });

  it('fastmail: Bearer only, and an event source URL without a template', async () => {
    server = await startTestServer({ profile: 'fastmail' });
    const basic = await sessionOf({ Authorization: server.auth() }, '/jmap/session');
    expect(basic.status).toBe(401);
    expect(basic.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const { tokenFor } = await import('./data/users.ts');
    const bearer = await sessionOf({ Authorization: `Bearer ${tokenFor('alice', 'alice-password')}` }, '/jmap/session');
    expect(bearer.status).toBe(200);
    expect(bearer.body!.eventSourceUrl).toBe(`${server.origin}/jmap/eventsource/`);
    const wrong = await sessionOf({ Authorization: 'Bearer nope' }, '/jmap/session');
    expect(wrong.status).toBe(401);
  });

  it('cyrus: no Identity/set, and the event source answers 204', async () => {
    server = await startTestServer({ profile: 'cyrus' });
    const r = await server.call([['Identity/set', { accountId: server.accountId(), update: {} }, 'i']]);
    expect(r.methodResponses[0]![1]).toMatchObject({ type: 'unknownMethod' });
    const es = await fetch(`${server.origin}/jmap/eventsource/?types=*&closeafter=no&ping=0`, {
      headers: { Authorization: server.auth() },
    });
    expect(es.status).toBe(204);
  });
});
