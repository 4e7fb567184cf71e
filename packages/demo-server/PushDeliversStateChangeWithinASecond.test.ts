import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, openEvents, rawMessage, startTestServer, type TestServer } from './test-harness.ts';

describe('push over the event source', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });
  const url = (q: string) => `${server.origin}/jmap/eventsource/?${q}`;

  it('delivers a StateChange with the new Email state within a second of new mail', async () => {
    const events = await openEvents(url('types=*&closeafter=no&ping=0'), { Authorization: server.auth('alice') });
    expect(events.status).toBe(200);
    const t0 = Date.now();
    await deliver(server, 'alice@example.test', rawMessage({ subject: 'Ping me' }));
    const ev = await events.next(1000);
    const elapsed = Date.now() - t0;
    events.close();
    expect(ev).not.toBe('timeout');
    if (typeof ev === 'string') throw new Error(ev);
    expect(ev.event).toBe('state');
    expect(elapsed).toBeLessThan(1000);
    const change = JSON.parse(ev.data) as { '@type': string; changed: Record<string, Record<string, string>> };
    expect(change['@type']).toBe('StateChange');
    const states = change.changed[server.accountId('alice')]!;
    const email = await server.one('Email/get', { ids: [] });
    expect(states.Email).toBe(email.state);
    expect(Object.keys(states)).toEqual(expect.arrayContaining(['Email', 'Mailbox', 'Thread', 'EmailDelivery']));
  });

  it('filters by types, and only tells a user about their own account', async () => {
    const aliceMailboxOnly = await openEvents(url('types=Mailbox&closeafter=no&ping=0'), { Authorization: server.auth('alice') });
    const bob = await openEvents(url('types=*&closeafter=no&ping=0'), { Authorization: server.auth('bob') });
    await server.one('Mailbox/set', { create: { x: { name: 'Push folder', parentId: null } } });
    const ev = await aliceMailboxOnly.next(1000);
    if (typeof ev === 'string') throw new Error(ev);
    expect(Object.keys(JSON.parse(ev.data).changed[server.accountId('alice')])).toEqual(['Mailbox']);
    expect(await bob.next(300)).toBe('timeout');
    aliceMailboxOnly.close();
    bob.close();
  });

  it('sends pings with the interval, closes after a state with closeafter=state, and resumes from Last-Event-ID', async () => {
    const pinger = await openEvents(url('types=*&closeafter=no&ping=1'), { Authorization: server.auth('alice') });
    const ping = await pinger.next(2500);
    if (typeof ping === 'string') throw new Error(ping);
    expect(ping.event).toBe('ping');
    expect(JSON.parse(ping.data)).toEqual({ interval: 1 });
    pinger.close();

    const once = await openEvents(url('types=*&closeafter=state&ping=0'), { Authorization: server.auth('alice') });
    await deliver(server, 'alice', rawMessage({ subject: 'Once' }));
    const first = await once.next(1000);
    if (typeof first === 'string') throw new Error(first);
    expect(first.id).toMatch(/^\d+$/);
    expect(await once.next(1000)).toBe('closed');

    // Missed while disconnected: the reconnect with Last-Event-ID gets it at once.
    await deliver(server, 'alice', rawMessage({ subject: 'While away' }));
    const resumed = await openEvents(url('types=Email&closeafter=no&ping=0'), {
      Authorization: server.auth('alice'),
      'Last-Event-ID': first.id!,
    });
    const missed = await resumed.next(500);
    resumed.close();
    if (typeof missed === 'string') throw new Error(missed);
    const email = await server.one('Email/get', { ids: [] });
    expect(JSON.parse(missed.data).changed[server.accountId('alice')]).toEqual({ Email: email.state });
  });

  it('the test control cuts every open stream', async () => {
    const a = await openEvents(url('types=*&closeafter=no&ping=0'), { Authorization: server.auth('alice') });
    const b = await openEvents(url('types=*&closeafter=no&ping=0'), { Authorization: server.auth('bob') });
    const r = await server.control({ cutPush: true });
    expect(r.cutStreams).toBe(2);
    expect(await a.next(1000)).toBe('closed');
    expect(await b.next(1000)).toBe('closed');
  });

  it('refuses a request without credentials with 401', async () => {
    const res = await fetch(url('types=*&closeafter=no&ping=0'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/Basic/);
  });
});
