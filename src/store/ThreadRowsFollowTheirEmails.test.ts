import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDb } from './db.ts';
import { DexieSyncCache } from './dexieCache.ts';
import { mailboxThreadPage, type ThreadPageCursor } from './reads.ts';
import type { EmailRecord, ThreadRecord } from '../sync/cache.ts';
import { email, thread, uniqueDbName } from '../../testing/records.ts';

const A = 'acct';
let db: MailDb;
afterEach(() => db?.close());

function open() {
  db = new MailDb(uniqueDbName('thread-rows'));
  return new DexieSyncCache(db);
}

async function rowsOf(threadId: string) {
  const rows = await db.threadInMailbox.where(':id').between([A, threadId, ''], [A, threadId, '\uffff']).toArray();
  return Object.fromEntries(rows.map((r) => [r.mailboxId, { emailId: r.emailId, emailIds: r.emailIds, receivedMs: r.receivedMs }]));
}

describe('threadInMailbox rows', () => {
  it('holds one row per mailbox the thread has mail in, showing its newest email there', async () => {
    const cache = open();
    await cache.apply(A, {
      emails: { put: [email(A, 'e1', 'T', ['inbox'], 100), email(A, 'e2', 'T', ['sent'], 200), email(A, 'e3', 'T', ['inbox'], 300)] },
      threads: { put: [thread(A, 'T', ['e1', 'e2', 'e3'])] },
    });
    expect(await rowsOf('T')).toEqual({
      inbox: { emailId: 'e3', emailIds: ['e1', 'e3'], receivedMs: 300 },
      sent: { emailId: 'e2', emailIds: ['e2'], receivedMs: 200 },
    });
  });

  it('moves with an email that changes mailbox and disappears with the last email there', async () => {
    const cache = open();
    await cache.apply(A, {
      emails: { put: [email(A, 'e1', 'T', ['inbox'], 100), email(A, 'e2', 'T', ['inbox'], 200)] },
      threads: { put: [thread(A, 'T', ['e1', 'e2'])] },
    });
    // Only the email is rewritten (the thread's emailIds did not change): rows still follow.
    await cache.apply(A, { emails: { put: [email(A, 'e2', 'T', ['archive'], 200)] } });
    expect(await rowsOf('T')).toEqual({
      inbox: { emailId: 'e1', emailIds: ['e1'], receivedMs: 100 },
      archive: { emailId: 'e2', emailIds: ['e2'], receivedMs: 200 },
    });
    await cache.apply(A, { emails: { remove: ['e1'] }, threads: { put: [thread(A, 'T', ['e2'])] } });
    expect(await rowsOf('T')).toEqual({ archive: { emailId: 'e2', emailIds: ['e2'], receivedMs: 200 } });
    await cache.apply(A, { emails: { remove: ['e2'] }, threads: { remove: ['T'] } });
    expect(await rowsOf('T')).toEqual({});
  });

  it('counts an email written before its thread row lists it (server reported them apart)', async () => {
    const cache = open();
    await cache.apply(A, { emails: { put: [email(A, 'e1', 'T', ['inbox'], 100)] }, threads: { put: [thread(A, 'T', ['e1'])] } });
    await cache.apply(A, { emails: { put: [email(A, 'e9', 'T', ['inbox'], 900)] } });
    expect((await rowsOf('T')).inbox).toEqual({ emailId: 'e9', emailIds: ['e1', 'e9'], receivedMs: 900 });
  });

  it('pages a mailbox newest first with exact keyset paging, ties broken by thread id', async () => {
    const cache = open();
    const emails: EmailRecord[] = [];
    const threads: ThreadRecord[] = [];
    for (let i = 0; i < 25; i++) {
      // Pairs of threads share a receivedAt to exercise the tie-break.
      emails.push(email(A, `e${i}`, `T${String(i).padStart(2, '0')}`, ['inbox'], 1000 + Math.floor(i / 2)));
      threads.push(thread(A, `T${String(i).padStart(2, '0')}`, [`e${i}`]));
    }
    emails.push(email(A, 'other', 'Tother', ['archive'], 5000));
    threads.push(thread(A, 'Tother', ['other']));
    await cache.apply(A, { emails: { put: emails }, threads: { put: threads } });
    const seen: string[] = [];
    let after: ThreadPageCursor | undefined;
    for (;;) {
      const page = await mailboxThreadPage(db, A, 'inbox', { limit: 10, after });
      if (!page.length) break;
      seen.push(...page.map((r) => r.threadId));
      const last = page[page.length - 1]!;
      after = { receivedMs: last.receivedMs, threadId: last.threadId };
    }
    const expected = threads
      .filter((t) => t.id !== 'Tother')
      .map((t) => ({ id: t.id, ms: emails.find((e) => e.threadId === t.id)!.receivedMs }))
      .sort((a, b) => b.ms - a.ms || (a.id < b.id ? 1 : -1))
      .map((t) => t.id);
    expect(seen).toEqual(expected);
  });
});
