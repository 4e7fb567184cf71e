/**
 * The conversation list reads the mirror one keyset page at a time. While mail arrives
 * above, conversations leave from the middle (an archive through the outbox), the list
 * stays exactly the folder's conversations in order: none lost at a page boundary,
 * none shown twice, and growing reads the next page only.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../outbox/index.ts';
import { DexieSyncCache, MailDb } from '../../store/index.ts';
import { email, thread, uniqueDbName } from '../../../testing/records.ts';
import { waitFor } from '../../../testing/wait.ts';
import { PAGE_SIZE, ThreadPages, readPage, type ThreadPagesState } from './threadPages.ts';

const A = 'acct';
let db: MailDb;
let pages: ThreadPages | undefined;
afterEach(() => {
  pages?.close();
  db?.close();
});

/** `n` one-message conversations in the Inbox, conversation i received at minute -i. */
async function seed(cache: DexieSyncCache, n: number, base: number) {
  const emails = Array.from({ length: n }, (_, i) => email(A, `e${i}`, `t${i}`, ['inbox'], base - i * 60_000));
  await cache.apply(A, { emails: { put: emails }, threads: { put: emails.map((e) => thread(A, e.threadId, [e.id])) } });
}

/** Resolves with the first published state that satisfies `ok`. */
function waitForState(get: () => ThreadPagesState, ok: (s: ThreadPagesState) => boolean, what: string): Promise<ThreadPagesState> {
  const last = () => `${what}; last: ${get().lines?.length} lines, atEnd ${get().atEnd}`;
  return waitFor(
    last,
    () => {
      const s = get();
      return ok(s) ? s : undefined;
    },
    5000,
    10,
  );
}

const ids = (s: ThreadPagesState) => (s.lines ?? []).map((l) => l.threadId);

describe('keyset pages of the conversation list', () => {
  it('follows a write made after the start read, although its live read starts after the paint', async () => {
    db = new MailDb(uniqueDbName('ui-pages-peek'));
    const cache = new DexieSyncCache(db);
    const base = Date.UTC(2026, 0, 1);
    await seed(cache, 5, base);
    // The start read's page, shown at once; new mail lands before the live read begins.
    const first = await readPage(db, A, 'inbox', undefined);
    let state: ThreadPagesState = { lines: undefined, atEnd: false };
    pages = new ThreadPages(db, A, 'inbox', (s) => (state = s), first);
    expect(ids(pages.current)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    const fresh = email(A, 'new', 'tnew', ['inbox'], base + 60_000);
    await cache.apply(A, { emails: { put: [fresh] }, threads: { put: [thread(A, 'tnew', ['new'])] } });
    await waitForState(
      () => state,
      (x) => ids(x)[0] === 'tnew' && x.lines?.length === 6,
      'the new conversation on top',
    );
  });

  it('grows a page at a time and keeps every conversation exactly once while mail changes', async () => {
    db = new MailDb(uniqueDbName('ui-pages'));
    const cache = new DexieSyncCache(db);
    const base = Date.UTC(2026, 0, 1);
    await seed(cache, 250, base);
    let state: ThreadPagesState = { lines: undefined, atEnd: false };
    pages = new ThreadPages(db, A, 'inbox', (s) => (state = s));
    const get = () => state;

    expect((await waitForState(get, (x) => x.lines?.length === PAGE_SIZE, 'the first page')).atEnd).toBe(false);
    expect(pages.pageCount).toBe(1);
    pages.grow();
    pages.grow(); // ignored: the second page has not answered yet
    await waitForState(get, (x) => x.lines?.length === 2 * PAGE_SIZE, 'two pages');
    expect(pages.pageCount).toBe(2);
    pages.grow();
    let s = await waitForState(get, (x) => x.lines?.length === 250 && x.atEnd, 'the whole folder');
    expect(ids(s)).toEqual(Array.from({ length: 250 }, (_, i) => `t${i}`));

    // Archive the last conversation of page 1 and the first of page 2 (optimistic, through the outbox).
    await enqueue(db, A, { kind: 'move', emailIds: ['e99', 'e100'], fromMailboxId: 'inbox', toMailboxId: 'archive' });
    s = await waitForState(get, (x) => x.lines?.length === 248, 'the archive');
    const expected = Array.from({ length: 250 }, (_, i) => `t${i}`).filter((t) => t !== 't99' && t !== 't100');
    expect(ids(s)).toEqual(expected);

    // Three new conversations arrive at the top: pages shift down, nothing is lost or doubled.
    const fresh = [1, 2, 3].map((i) => email(A, `n${i}`, `tn${i}`, ['inbox'], base + i * 60_000));
    await cache.apply(A, { emails: { put: fresh }, threads: { put: fresh.map((e) => thread(A, e.threadId, [e.id])) } });
    s = await waitForState(get, (x) => x.lines?.length === 251 && x.atEnd, 'the new mail');
    expect(ids(s)).toEqual(['tn3', 'tn2', 'tn1', ...expected]);
    expect(new Set(ids(s)).size).toBe(251);

    // A reply lands in an old conversation: it moves to the top, once. (While the pages
    // below re-read from their new boundaries, a row at a boundary may be missing for a
    // moment; what settles is exact.)
    const reply = email(A, 'r200', 't200', ['inbox'], base + 10 * 60_000);
    await cache.apply(A, { emails: { put: [reply] }, threads: { put: [thread(A, 't200', ['e200', 'r200'])] } });
    s = await waitForState(get, (x) => x.lines?.[0]?.threadId === 't200' && x.lines.length === 251, 'the reply on top');
    expect(ids(s).filter((t) => t === 't200')).toHaveLength(1);
    expect(ids(s)).toEqual(['t200', 'tn3', 'tn2', 'tn1', ...expected.filter((t) => t !== 't200')]);
    expect(s.lines?.[0]?.count).toBe(2);
  });

  it('says the folder ends where the mirror ends, and grows again when older mail arrives', async () => {
    db = new MailDb(uniqueDbName('ui-pages-end'));
    const cache = new DexieSyncCache(db);
    const base = Date.UTC(2026, 0, 1);
    await seed(cache, PAGE_SIZE, base);
    let state: ThreadPagesState = { lines: undefined, atEnd: false };
    pages = new ThreadPages(db, A, 'inbox', (s) => (state = s));
    await waitForState(
      () => state,
      (x) => x.lines?.length === PAGE_SIZE,
      'the first page',
    );
    pages.grow();
    let s = await waitForState(
      () => state,
      (x) => x.atEnd,
      'the end',
    );
    expect(s.lines).toHaveLength(PAGE_SIZE);
    // The background listing writes older mail: the empty last page fills by itself.
    const older = Array.from({ length: 30 }, (_, i) => email(A, `o${i}`, `to${i}`, ['inbox'], base - (PAGE_SIZE + i) * 60_000));
    await cache.apply(A, { emails: { put: older }, threads: { put: older.map((e) => thread(A, e.threadId, [e.id])) } });
    s = await waitForState(
      () => state,
      (x) => x.lines?.length === PAGE_SIZE + 30,
      'the older mail',
    );
    expect(ids(s).slice(PAGE_SIZE)).toEqual(older.map((e) => e.threadId));
  });
});
