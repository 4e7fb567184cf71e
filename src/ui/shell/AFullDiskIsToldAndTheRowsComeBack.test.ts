/**
 * A page write that fails (IndexedDB's QuotaExceededError, as Dexie wraps it, from a test
 * double of the outbox table's writes; not a real full disk): the archive's intent is not
 * written and neither is its overlay, the person is told in words that nothing was
 * changed (the toast never keeps saying "Archived"), and the rows hidden in the click's
 * frame come back at once (listOverlay.ts forget), not at a live read that never comes.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { email, mailbox } from '../../../testing/records.ts';
import { mailDb } from '../data/db.ts';
import { failedWriteWords } from '../data/writeFailure.ts';
import type { ThreadLine } from '../threads/line.ts';
import { forget, settle, type OverlayState } from './listOverlay.ts';
import { triageActions, type Toast } from './triage.ts';
import type { ListOverlay } from './useListOverlay.ts';
import type { ListView } from './useListView.ts';

/** Every write to the outbox table fails as a full disk does in Chromium (wrapped by Dexie). */
const fullDisk: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'full-disk',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (name !== 'outbox') return table;
      return { ...table, mutate: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) };
    },
  }),
};

const line: ThreadLine = {
  threadId: 't1',
  emailId: 'e1',
  emailIds: ['e1'],
  receivedMs: 0,
  senders: 'Ann',
  subject: 'Kestrel budget',
  preview: '',
  count: 1,
  unread: false,
  flagged: false,
  attachment: false,
  initials: 'A',
  tone: 0,
};

it('tells a full disk in words, writes nothing, and brings the hidden rows back', async () => {
  const db = mailDb();
  db.use(fullDisk);
  const toasts: Toast[] = [];
  const writes: Promise<unknown>[] = [];
  const overlay = {
    hide: (_list: ThreadLine[], written: Promise<unknown>) => void writes.push(written),
    patch: () => undefined,
    restore: () => undefined,
  } as unknown as ListOverlay;
  const view = { targets: [line], setSelected: () => undefined, openThread: null, setOpenThread: () => undefined } as unknown as ListView;
  const mailboxes = [
    { ...mailbox('A1', 'in', 1), role: 'inbox' },
    { ...mailbox('A1', 'ar', 0), role: 'archive' },
  ];
  await db.emails.put(email('A1', 'e1', 't1', ['in'], 0));

  triageActions({ accountId: 'A1', mailboxes, current: 'in', overlay, view, setToast: (t) => toasts.push(t) }).archive();
  expect(toasts[0]?.words).toBe('Archived 1 conversation');
  const error = await writes[0]!.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  await new Promise((r) => setTimeout(r, 0));
  // Told in words, with no Undo of a thing that never happened, as the same toast.
  const last = toasts[toasts.length - 1]!;
  expect(last).toEqual({ id: toasts[0]!.id, words: failedWriteWords(error) });
  expect(last.words).toMatch(/^Nothing was changed: this device has no storage space left/);
  // The real state: no intent, no overlay.
  expect(await db.outbox.count()).toBe(0);
  expect(await db.overlays.count()).toBe(0);
  db.close();
});

it('shows the lines a failed write hid at once, leaving the others as they were', () => {
  const hidden: OverlayState = {
    hidden: new Set(['t1', 't2']),
    patched: new Map([['t1', { unread: false }]]),
    settling: [{ ids: ['t1', 't2'], lines: [] }],
  };
  const back = forget(hidden, ['t1']);
  expect([...back.hidden]).toEqual(['t2']);
  expect([...back.patched.keys()]).toEqual([]);
  expect(back.settling).toEqual([{ ids: ['t2'], lines: [] }]);
  // Without forget, a line stays hidden until a live read that a failed write never causes.
  expect([...settle({ ...hidden, settling: [] }, [line, { ...line, threadId: 't2' }]).hidden]).toEqual(['t1', 't2']);
});

it('says any other write error in words too', () => {
  expect(failedWriteWords(new Error('Transaction aborted'), 'this draft')).toBe(
    'Nothing was changed: this device could not keep this draft (Transaction aborted). Try again.',
  );
});
