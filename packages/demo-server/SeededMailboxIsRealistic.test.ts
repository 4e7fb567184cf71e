import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('the seeded demo mailbox', () => {
  let server: TestServer;
  let emails: JsonObject[];
  let mailboxes: JsonObject[];
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    const q = await server.one('Email/query', { limit: 1000 }, 'demo');
    emails = [];
    const ids = q.ids as string[];
    for (let i = 0; i < ids.length; i += 200) {
      const r = await server.one(
        'Email/get',
        {
          ids: ids.slice(i, i + 200),
          properties: [
            'threadId',
            'mailboxIds',
            'keywords',
            'receivedAt',
            'subject',
            'from',
            'hasAttachment',
            'htmlBody',
            'textBody',
            'attachments',
          ],
        },
        'demo',
      );
      emails.push(...(r.list as JsonObject[]));
    }
    mailboxes = (await server.one('Mailbox/get', { ids: null }, 'demo')).list as JsonObject[];
  });
  afterAll(async () => {
    await server.stop();
  });

  it('has a few hundred messages over months, in the standard and custom folders', () => {
    expect(emails.length).toBeGreaterThanOrEqual(250);
    const times = emails.map((e) => Date.parse(e.receivedAt as string));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThan(150);
    const byName = new Map(mailboxes.map((m) => [m.role ?? m.name, m]));
    for (const role of ['inbox', 'archive', 'sent', 'drafts', 'trash', 'junk', 'Projects', 'Launch', 'Receipts', 'Travel']) {
      expect((byName.get(role)?.totalEmails as number) ?? 0, role).toBeGreaterThan(0);
    }
    expect(byName.get('Launch')!.parentId).toBe(byName.get('Projects')!.id);
  });

  it('has threads, unread and flagged mail, drafts, HTML, attachments, inline images and non-ASCII text', () => {
    const threads = new Map<string, number>();
    for (const e of emails) threads.set(e.threadId as string, (threads.get(e.threadId as string) ?? 0) + 1);
    expect([...threads.values()].filter((n) => n >= 3).length).toBeGreaterThan(10);
    expect(emails.filter((e) => !(e.keywords as JsonObject).$seen).length).toBeGreaterThan(10);
    expect(emails.filter((e) => (e.keywords as JsonObject).$flagged).length).toBeGreaterThan(3);
    expect(emails.filter((e) => (e.keywords as JsonObject).$draft).length).toBe(3);
    expect(emails.filter((e) => (e.htmlBody as JsonObject[]).some((p) => p.type === 'text/html')).length).toBeGreaterThan(50);
    expect(emails.filter((e) => e.hasAttachment).length).toBeGreaterThan(20);
    const inline = emails.filter((e) => (e.attachments as JsonObject[]).some((p) => p.cid && p.type === 'image/png'));
    expect(inline.length).toBeGreaterThan(10);
    expect(emails.some((e) => [...(e.subject as string)].some((ch) => ch.charCodeAt(0) > 127))).toBe(true);
    expect(emails.some((e) => ((e.from as JsonObject[])[0]!.name as string) === '田中 芽衣')).toBe(true);
  });

  it('gives alice and bob a small mailbox of their own', async () => {
    const a = await server.one('Email/query', { calculateTotal: true }, 'alice');
    expect(a.total as number).toBeGreaterThan(5);
    expect(a.total as number).toBeLessThan(50);
  });
});
