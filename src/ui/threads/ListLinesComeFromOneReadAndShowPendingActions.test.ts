/**
 * A page of the list is one indexed read when nothing is pending: its lines come from the
 * rows alone, no email looked up. Pending actions (outbox overlays) still show on the
 * lines at once, read and star marks included, and the live page follows them.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enqueue } from '../../outbox/index.ts';
import { DexieSyncCache, MailDb } from '../../store/index.ts';
import { email, thread, uniqueDbName } from '../../../testing/records.ts';
import { waitFor } from '../../../testing/wait.ts';
import { ThreadPages, readPage, type ThreadPagesState } from './threadPages.ts';

const A = 'acct';
let db: MailDb;
let pages: ThreadPages | undefined;
afterEach(() => {
  pages?.close();
  db?.close();
});

async function seed() {
  db = new MailDb(uniqueDbName('ui-lines'));
  const cache = new DexieSyncCache(db);
  await cache.apply(A, {
    emails: {
      put: [
        { ...email(A, 'e1', 'T1', ['inbox'], 100), from: [{ name: 'Ann', email: 'ann@example.com' }] },
        { ...email(A, 'e2', 'T1', ['inbox'], 200), from: [{ name: 'Bob', email: 'bob@example.com' }], hasAttachment: true },
        { ...email(A, 'e3', 'T2', ['inbox'], 300), keywords: { $seen: true } },
      ],
    },
    threads: { put: [thread(A, 'T1', ['e1', 'e2']), thread(A, 'T2', ['e3'])] },
  });
}

const lines = async () => (await readPage(db, A, 'inbox', undefined)).map((r) => r.line);

describe('list lines', () => {
  it('come from the rows alone when nothing is pending: no email is read', async () => {
    await seed();
    const bulkGet = vi.spyOn(db.emails, 'bulkGet');
    const get = vi.spyOn(db.emails, 'get');
    expect(await lines()).toMatchObject([
      { threadId: 'T2', subject: 'Subject e3', unread: false, count: 1 },
      {
        threadId: 'T1',
        emailId: 'e2',
        emailIds: ['e1', 'e2'],
        senders: 'Ann, Bob',
        subject: 'Subject e2',
        unread: true,
        attachment: true,
        count: 2,
      },
    ]);
    expect(bulkGet).not.toHaveBeenCalled();
    expect(get).not.toHaveBeenCalled();
  });

  it('show pending read, star and move at once, and the live page follows them', async () => {
    await seed();
    let state: ThreadPagesState = { lines: undefined, atEnd: false };
    pages = new ThreadPages(db, A, 'inbox', (s) => (state = s));
    const line = (id: string) => state.lines?.find((l) => l.threadId === id);
    await waitFor('the first page', () => (state.lines?.length === 2 ? true : undefined), 5000, 10);

    await enqueue(db, A, { kind: 'keywords', emailIds: ['e1', 'e2'], add: ['$seen'] });
    await waitFor('T1 read', () => (line('T1')?.unread === false ? true : undefined), 5000, 10);
    await enqueue(db, A, { kind: 'keywords', emailIds: ['e3'], add: ['$flagged'], remove: ['$seen'] });
    await waitFor('T2 starred and unread', () => (line('T2')?.flagged && line('T2')?.unread ? true : undefined), 5000, 10);
    // Moving T1's newest email out: the line shows the one left, with its mark as set.
    await enqueue(db, A, { kind: 'move', emailIds: ['e2'], fromMailboxId: 'inbox', toMailboxId: 'archive' });
    await waitFor('T1 without e2', () => (line('T1')?.count === 1 ? true : undefined), 5000, 10);
    expect(line('T1')).toMatchObject({ emailId: 'e1', senders: 'Ann', unread: false, attachment: false });
    expect((await readPage(db, A, 'archive', undefined))[0]?.line).toMatchObject({ emailId: 'e2', unread: false, attachment: true });
  });
});
