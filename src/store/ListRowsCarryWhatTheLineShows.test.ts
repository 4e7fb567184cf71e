/**
 * The list reads one indexed range (schema 4): each threadInMailbox row carries what its
 * line shows, so those fields must follow every write of the thread's emails, in the
 * same transaction, exactly as the emails say.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { mailboxThreadPage } from './reads.ts';
import type { EmailRecord } from '../sync/cache.ts';
import { email, thread, uniqueDbName } from '../../testing/records.ts';

const A = 'acct';
let db: MailDb;
afterEach(() => db?.close());

function open() {
  db = new MailDb(uniqueDbName('list-rows'));
  return new DexieSyncCache(db);
}

const mail = (id: string, mailboxes: string[], ms: number, more: Partial<EmailRecord> = {}): EmailRecord => ({
  ...email(A, id, 'T', mailboxes, ms),
  from: [{ name: `Name ${id}`, email: `${id}@example.com` }],
  preview: `Preview ${id}`,
  ...more,
});

/** The stored row of thread T in a mailbox, list fields only. */
async function line(mailboxId: string) {
  const row = await db.threadInMailbox.get([A, 'T', mailboxId]);
  if (!row) return undefined;
  const { emailId, emailIds, subject, preview, senders, unreadIds, flaggedIds, attachment } = row;
  return { emailId, emailIds, subject, preview, senders: senders?.map((s) => s?.email ?? null), unreadIds, flaggedIds, attachment };
}

describe('list rows carry what the line shows', () => {
  it('an arriving email fills its row: subject, preview and sender of the newest, unread, attachment', async () => {
    const cache = open();
    await cache.apply(A, {
      emails: { put: [mail('e1', ['inbox'], 100, { hasAttachment: true })] },
      threads: { put: [thread(A, 'T', ['e1'])] },
    });
    expect(await line('inbox')).toEqual({
      emailId: 'e1',
      emailIds: ['e1'],
      subject: 'Subject e1',
      preview: 'Preview e1',
      senders: ['e1@example.com'],
      unreadIds: ['e1'],
      flaggedIds: [],
      attachment: true,
    });
  });

  it('a thread gaining a message shows the newest subject, every sender once, and the new count', async () => {
    const cache = open();
    await cache.apply(A, { emails: { put: [mail('e1', ['inbox'], 100)] }, threads: { put: [thread(A, 'T', ['e1'])] } });
    const reply = mail('e2', ['inbox'], 200, { from: [{ name: 'Name e1', email: 'e1@example.com' }] });
    await cache.apply(A, { emails: { put: [reply, mail('e3', ['inbox'], 300)] }, threads: { put: [thread(A, 'T', ['e1', 'e2', 'e3'])] } });
    expect(await line('inbox')).toMatchObject({
      emailId: 'e3',
      emailIds: ['e1', 'e2', 'e3'],
      subject: 'Subject e3',
      preview: 'Preview e3',
      senders: ['e1@example.com', 'e3@example.com'],
      unreadIds: ['e1', 'e2', 'e3'],
    });
  });

  it('reading and flagging an email (a keyword update) changes the row', async () => {
    const cache = open();
    await cache.apply(A, {
      emails: { put: [mail('e1', ['inbox'], 100), mail('e2', ['inbox'], 200)] },
      threads: { put: [thread(A, 'T', ['e1', 'e2'])] },
    });
    await cache.apply(A, {
      emails: {
        update: [
          { id: 'e1', mailboxIds: { inbox: true }, keywords: { $seen: true }, gen: 1 },
          { id: 'e2', mailboxIds: { inbox: true }, keywords: { $flagged: true }, gen: 1 },
        ],
      },
    });
    expect(await line('inbox')).toMatchObject({ unreadIds: ['e2'], flaggedIds: ['e2'] });
    await cache.apply(A, { emails: { update: [{ id: 'e2', mailboxIds: { inbox: true }, keywords: { $seen: true }, gen: 1 }] } });
    expect(await line('inbox')).toMatchObject({ unreadIds: [], flaggedIds: [] });
  });

  it('a moved email takes its fields to the other mailbox and the row it left shows the rest', async () => {
    const cache = open();
    await cache.apply(A, {
      emails: { put: [mail('e1', ['inbox'], 100), mail('e2', ['inbox'], 200, { hasAttachment: true })] },
      threads: { put: [thread(A, 'T', ['e1', 'e2'])] },
    });
    await cache.apply(A, { emails: { update: [{ id: 'e2', mailboxIds: { archive: true }, keywords: {}, gen: 1 }] } });
    expect(await line('inbox')).toMatchObject({ emailId: 'e1', subject: 'Subject e1', senders: ['e1@example.com'], attachment: false });
    expect(await line('archive')).toMatchObject({ emailId: 'e2', subject: 'Subject e2', senders: ['e2@example.com'], attachment: true });
  });

  it('a deleted email leaves the row, which shows the email before it', async () => {
    const cache = open();
    await cache.apply(A, {
      emails: {
        put: [mail('e1', ['inbox'], 100, { keywords: { $seen: true } }), mail('e2', ['inbox'], 200, { keywords: { $flagged: true } })],
      },
      threads: { put: [thread(A, 'T', ['e1', 'e2'])] },
    });
    await cache.apply(A, { emails: { remove: ['e2'] }, threads: { put: [thread(A, 'T', ['e1'])] } });
    expect(await line('inbox')).toMatchObject({ emailId: 'e1', preview: 'Preview e1', unreadIds: [], flaggedIds: [] });
    const [row] = await mailboxThreadPage(db, A, 'inbox');
    expect(row).toMatchObject({ emailId: 'e1', subject: 'Subject e1' });
  });
});
