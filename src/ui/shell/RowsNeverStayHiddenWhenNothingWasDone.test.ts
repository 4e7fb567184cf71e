/**
 * The click overlay of the list (listOverlay.ts): a line hidden or marked by an action
 * goes when the live lines show it gone or agree, and at the latest at the first live read
 * after the intent was written, so an action that changed nothing (Delete inside Trash,
 * before this issue) leaves no row hidden until the folder is left. And what a folder
 * offers (offered.ts): nothing that would change nothing.
 */
import { expect, it } from 'vitest';
import type { MailboxRecord } from '../../sync/index.ts';
import { mailbox } from '../../../testing/records.ts';
import type { ThreadLine } from '../threads/line.ts';
import { settle, type OverlayState } from './listOverlay.ts';
import { offeredIn } from './offered.ts';

const line = (threadId: string, marks: Partial<ThreadLine> = {}): ThreadLine => ({
  threadId,
  emailId: `e${threadId}`,
  emailIds: [`e${threadId}`],
  receivedMs: 0,
  senders: 'Ann',
  subject: threadId,
  preview: '',
  count: 1,
  unread: true,
  flagged: false,
  attachment: false,
  initials: 'A',
  tone: 0,
  ...marks,
});
const empty: OverlayState = { hidden: new Set(), patched: new Map(), settling: [] };

it('AHiddenLineThatLeftTheListGoesFromTheOverlay', () => {
  const before = [line('a'), line('b')];
  const hidden = { ...empty, hidden: new Set(['a']) };
  expect([...settle(hidden, [line('b')]).hidden]).toEqual([]);
  // Still listed and not written yet: stays hidden (the intent is on its way).
  expect([...settle(hidden, before).hidden]).toEqual(['a']);
});

it('ALineHiddenByAnActionThatChangedNothingComesBackAtTheNextRead', () => {
  const before = [line('a'), line('b')];
  const written: OverlayState = { ...empty, hidden: new Set(['a']), settling: [{ ids: ['a'], lines: before }] };
  // The same lines object as when the intent was written: not read since, still hidden.
  expect([...settle(written, before).hidden]).toEqual(['a']);
  // Read again after the write, and the line is still there: nothing was done, it shows.
  const after = settle(written, [line('a'), line('b')]);
  expect([...after.hidden]).toEqual([]);
  expect(after.settling).toEqual([]);
});

it('AMarkTheServerRefusedGoesAtTheNextReadAfterTheWrite', () => {
  const lines = [line('a')];
  const marked: OverlayState = { ...empty, patched: new Map([['a', { flagged: true }]]), settling: [{ ids: ['a'], lines }] };
  expect(settle(marked, [line('a', { flagged: true })]).patched.size).toBe(0);
  expect(settle(marked, [line('a')]).patched.size).toBe(0);
  expect(settle({ ...marked, settling: [] }, [line('a')]).patched.get('a')).toEqual({ flagged: true });
});

const folders = (roles: (string | null)[]): MailboxRecord[] => roles.map((role, i) => ({ ...mailbox('A', role ?? `f${i}`, 1), role }));

it('ArchiveIsNotOfferedInsideArchiveAndDeleteInTrashIsForGood', () => {
  const all = folders(['inbox', 'archive', 'trash', 'junk', null]);
  expect(offeredIn(all, 'inbox')).toEqual({ archive: true, reportSpam: true, notSpam: false, deleteForGood: false, emptyTrash: false });
  expect(offeredIn(all, 'archive').archive).toBe(false);
  expect(offeredIn(all, 'trash')).toMatchObject({ deleteForGood: true, emptyTrash: true });
  expect(offeredIn(all, 'junk')).toMatchObject({ reportSpam: false, notSpam: true, deleteForGood: true, emptyTrash: false });
});

it('SpamIsNotOfferedWithoutAJunkFolder', () => {
  const noJunk = folders(['inbox', 'archive', 'trash']);
  expect(offeredIn(noJunk, 'inbox')).toMatchObject({ reportSpam: false, notSpam: false });
});
