import { describe, expect, it } from 'vitest';
import type { EmailRecord } from '../sync/index.ts';
import type { EmailOverlay } from './intents.ts';
import { mergeEmail, mergeMailboxes } from './merge.ts';
import { planEmailSet } from './plan.ts';

const email = (id: string, keywords: Record<string, true> = {}, mailboxIds: Record<string, true> = { inbox: true }): EmailRecord => ({
  accountId: 'A',
  id,
  blobId: null,
  threadId: 'T' + id,
  mailboxIds,
  keywords,
  receivedAt: '2026-01-01T00:00:00Z',
  receivedMs: 0,
  sentAt: null,
  from: null,
  to: null,
  cc: null,
  subject: null,
  preview: '',
  size: 1,
  hasAttachment: false,
  messageId: null,
  gen: 0,
});
let n = 0;
const overlay = (objectId: string, patch: EmailOverlay['patch'], extra: Partial<EmailOverlay> = {}): EmailOverlay => ({
  id: `i${++n}:${objectId}`,
  accountId: 'A',
  objectId,
  intentId: `i${n}`,
  createdAt: n,
  type: 'Email',
  patch,
  ...extra,
});

describe('coalescing', () => {
  it('sends nothing for read then unread', () => {
    const rows = new Map([['e1', email('e1')]]);
    const plan = planEmailSet(rows, [overlay('e1', { keywords: { $seen: true } }), overlay('e1', { keywords: { $seen: false } })]);
    expect(plan).toEqual({ update: {}, destroy: [] });
  });

  it('turns many keyword changes on many emails into one update map', () => {
    const rows = new Map(['a', 'b', 'c'].map((id) => [id, email(id)]));
    const list = ['a', 'b', 'c'].flatMap((id) => [
      overlay(id, { keywords: { $flagged: true } }),
      overlay(id, { keywords: { $seen: true } }),
    ]);
    expect(planEmailSet(rows, list).update).toEqual({
      a: { 'keywords/$flagged': true, 'keywords/$seen': true },
      b: { 'keywords/$flagged': true, 'keywords/$seen': true },
      c: { 'keywords/$flagged': true, 'keywords/$seen': true },
    });
  });

  it('patches only the mailboxes that change, and destroy wins over everything before it', () => {
    const rows = new Map([
      ['m', email('m', {}, { inbox: true, label: true })],
      ['d', email('d')],
    ]);
    const plan = planEmailSet(rows, [
      overlay('m', { mailboxIds: { archive: true, label: true } }),
      overlay('d', { keywords: { $seen: true } }),
      overlay('d', { destroyed: true }),
    ]);
    expect(plan).toEqual({ update: { m: { 'mailboxIds/inbox': null, 'mailboxIds/archive': true } }, destroy: ['d'] });
  });

  it('sends nothing the server already has, and skips overlays already accepted', () => {
    const rows = new Map([['e', email('e', { $seen: true })]]);
    expect(
      planEmailSet(rows, [overlay('e', { keywords: { $seen: true } }), overlay('e', { keywords: { $flagged: true } }, { done: true })]),
    ).toEqual({ update: {}, destroy: [] });
  });
});

describe('merging overlays', () => {
  it('applies in the order the person acted and keeps the server row untouched', () => {
    const row = email('e');
    const merged = mergeEmail(row, [overlay('e', { keywords: { $flagged: true } }), overlay('e', { mailboxIds: { archive: true } })]);
    expect(merged).toMatchObject({ keywords: { $flagged: true }, mailboxIds: { archive: true } });
    expect(row.keywords).toEqual({});
    expect(mergeEmail(row, [overlay('e', { destroyed: true })])).toBeNull();
  });

  it('moves unread counts with the message and drops them when it is read', () => {
    const box = (id: string, unread: number, total: number) => ({
      accountId: 'A',
      id,
      name: id,
      parentId: null,
      role: id,
      sortOrder: 0,
      totalEmails: total,
      unreadEmails: unread,
      totalThreads: total,
      unreadThreads: unread,
      isSubscribed: true,
      myRights: {} as never,
    });
    const before = email('e');
    const moved = mergeMailboxes(
      [box('inbox', 3, 10), box('archive', 0, 5)],
      [],
      [{ before, after: { ...before, mailboxIds: { archive: true } } }],
    );
    expect(moved.map((m) => [m.id, m.unreadEmails, m.totalEmails])).toEqual([
      ['inbox', 2, 9],
      ['archive', 1, 6],
    ]);
    const read = mergeMailboxes([box('inbox', 3, 10)], [], [{ before, after: { ...before, keywords: { $seen: true } } }]);
    expect(read[0]!.unreadEmails).toBe(2);
  });
});
