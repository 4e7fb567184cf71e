import { afterEach, describe, expect, it } from 'vitest';
import { createdId, rawMessage, startTestServer, type TestServer } from './test-harness.ts';

describe('a restart keeps the mailbox', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('keeps mailboxes, emails, keywords and states across a restart on the same data directory', async () => {
    const first = await startTestServer();
    const created = await first.one('Mailbox/set', { create: { m: { name: 'Kept folder', parentId: null } } });
    const folderId = createdId(created, 'm');
    const res = await fetch(`${first.origin}/__control/deliver`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: 'alice@example.test', raw: rawMessage({ subject: 'Persist me' }) }),
    });
    const { emailId } = (await res.json()) as { emailId: string };
    await first.one('Email/set', { update: { [emailId]: { 'keywords/$flagged': true, [`mailboxIds/${folderId}`]: true } } });
    const before = await first.one('Email/get', { ids: [emailId], properties: ['subject', 'keywords', 'mailboxIds'] });
    await first.stop({ keepData: true });

    server = await startTestServer({ dataDir: first.dataDir });
    const after = await server.one('Email/get', { ids: [emailId], properties: ['subject', 'keywords', 'mailboxIds'] });
    expect(after.list).toEqual(before.list);
    expect(after.state).toBe(before.state);
    const mailboxes = await server.one('Mailbox/get', { ids: [folderId], properties: ['name', 'totalEmails'] });
    expect(mailboxes.list).toEqual([{ id: folderId, name: 'Kept folder', totalEmails: 1 }]);
    // New ids after the restart never collide with old ones.
    const again = await server.one('Mailbox/set', { create: { n: { name: 'Another', parentId: null } } });
    expect(createdId(again, 'n')).not.toBe(folderId);
  });

  // Seeding writes ~300 messages with bodies: ~3 s alone, past vitest's 5 s default on a
  // loaded 2-core machine (seen once while other suites ran). Slow by design, not stuck.
  it('seeds the demo mailbox only once', { timeout: 30_000 }, async () => {
    const first = await startTestServer({ seed: true });
    const q1 = await first.one('Email/query', { calculateTotal: true }, 'demo');
    expect(q1.total as number).toBeGreaterThan(250);
    await first.stop({ keepData: true });
    server = await startTestServer({ dataDir: first.dataDir, seed: true });
    const q2 = await server.one('Email/query', { calculateTotal: true }, 'demo');
    expect(q2.total).toBe(q1.total);
  });
});
