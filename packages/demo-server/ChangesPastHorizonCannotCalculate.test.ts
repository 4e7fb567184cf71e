import { afterEach, describe, expect, it } from 'vitest';
import { deliver, rawMessage, startTestServer, type TestServer } from './test-harness.ts';

describe('/changes history and its horizon', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.stop();
  });

  it('answers changes within the kept history, and cannotCalculateChanges past it', async () => {
    server = await startTestServer({ changeHistory: 5 });
    const start = (await server.one('Email/get', { ids: [] })).state as string;
    const { emailId } = await deliver(server, 'alice', rawMessage({ subject: 'one' }));
    const within = await server.one('Email/changes', { sinceState: start });
    expect(within).toMatchObject({ oldState: start, hasMoreChanges: false, created: [emailId], updated: [], destroyed: [] });
    for (let i = 0; i < 6; i++) await server.one('Email/set', { update: { [emailId]: { 'keywords/$seen': i % 2 === 0 ? true : null } } });
    const r = await server.call([['Email/changes', { accountId: server.accountId(), sinceState: start }, 'x']]);
    expect(r.methodResponses[0]![0]).toBe('error');
    expect(r.methodResponses[0]![1]).toMatchObject({ type: 'cannotCalculateChanges' });
    // A state from inside the history still works.
    const now = (await server.one('Email/get', { ids: [] })).state as string;
    expect(await server.one('Email/changes', { sinceState: now })).toMatchObject({
      newState: now,
      created: [],
      updated: [],
      destroyed: [],
    });
  });

  it('pages with maxChanges: hasMoreChanges, and a newState that resumes exactly', async () => {
    server = await startTestServer();
    const start = (await server.one('Email/get', { ids: [] })).state as string;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await deliver(server, 'alice', rawMessage({ subject: `m${i}` }))).emailId);
    await server.one('Email/set', { destroy: [ids[4]!] });
    const seen: string[] = [];
    let since = start;
    for (let round = 0; round < 10; round++) {
      const page = await server.one('Email/changes', { sinceState: since, maxChanges: 2 });
      const n = (page.created as string[]).length + (page.updated as string[]).length + (page.destroyed as string[]).length;
      expect(n).toBeLessThanOrEqual(2);
      seen.push(...(page.created as string[]));
      since = page.newState as string;
      if (!page.hasMoreChanges) break;
    }
    // Created then destroyed within the window is not reported at all.
    expect(seen.sort()).toEqual(ids.slice(0, 4).sort());
  });

  it('answers cannotCalculateChanges for a state it never issued, and when the test control forces it', async () => {
    server = await startTestServer();
    const bad = await server.call([['Mailbox/changes', { accountId: server.accountId(), sinceState: '999999' }, 'a']]);
    expect(bad.methodResponses[0]![1]).toMatchObject({ type: 'cannotCalculateChanges' });
    const state = (await server.one('Mailbox/get', { ids: [] })).state as string;
    await server.control({ cannotCalculateChangesNext: 1 });
    const forced = await server.call([['Mailbox/changes', { accountId: server.accountId(), sinceState: state }, 'a']]);
    expect(forced.methodResponses[0]![1]).toMatchObject({ type: 'cannotCalculateChanges' });
    expect(await server.one('Mailbox/changes', { sinceState: state })).toMatchObject({ hasMoreChanges: false });
  });

  it('reports count-only Mailbox changes with updatedProperties', async () => {
    server = await startTestServer();
    const state = (await server.one('Mailbox/get', { ids: [] })).state as string;
    await deliver(server, 'alice', rawMessage());
    const inbox = await server.mailboxId('inbox');
    expect(await server.one('Mailbox/changes', { sinceState: state })).toMatchObject({
      updated: [inbox],
      updatedProperties: ['totalEmails', 'unreadEmails', 'totalThreads', 'unreadThreads'],
    });
    const state2 = (await server.one('Mailbox/get', { ids: [] })).state as string;
    await server.one('Mailbox/set', { update: { [inbox]: { sortOrder: 7 } } });
    expect(await server.one('Mailbox/changes', { sinceState: state2 })).toMatchObject({ updated: [inbox], updatedProperties: null });
  });
});
