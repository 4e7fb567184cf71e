import { expect, it } from 'vitest';
import { replyRecipients, type ReplyOriginal } from './reply.ts';

const ME = ['alice@example.test', 'alice.work@example.test'];
const mail = (extra: Partial<ReplyOriginal>): ReplyOriginal => ({
  from: [{ name: 'Ann', email: 'ann@example.test' }],
  to: [{ name: 'Alice', email: 'alice@example.test' }],
  cc: null,
  subject: 'Plans',
  messageId: ['p1@example.test'],
  sentAt: null,
  receivedMs: 0,
  ...extra,
});
const emails = (list: { email: string }[]) => list.map((a) => a.email);

it('reply all adds the original To and Cc without any of your identities, compared case-insensitively', () => {
  const original = mail({
    to: [
      { name: 'Alice', email: 'ALICE@example.test' },
      { name: 'Carol', email: 'carol@example.test' },
    ],
    cc: [
      { name: null, email: 'Alice.Work@Example.test' },
      { name: 'Dave', email: 'dave@example.test' },
    ],
  });
  const { to, cc } = replyRecipients('replyAll', original, ME);
  expect(emails(to)).toEqual(['ann@example.test']);
  expect(emails(cc)).toEqual(['carol@example.test', 'dave@example.test']);
});

it('reply all names nobody twice, and not the sender again', () => {
  const original = mail({
    to: [
      { name: 'Carol', email: 'carol@example.test' },
      { name: 'Ann again', email: 'Ann@Example.test' },
    ],
    cc: [
      { name: 'Carol (work)', email: 'CAROL@example.test' },
      { name: 'Dave', email: 'dave@example.test' },
    ],
  });
  const { to, cc } = replyRecipients('replyAll', original, ME);
  expect(emails(to)).toEqual(['ann@example.test']);
  expect(emails(cc)).toEqual(['carol@example.test', 'dave@example.test']);
});

it('reply goes to Reply-To when the original has one, else to From', () => {
  const list = mail({ replyTo: [{ name: 'The list', email: 'list@example.test' }] });
  expect(replyRecipients('reply', list, ME)).toEqual({ to: [{ name: 'The list', email: 'list@example.test' }], cc: [] });
  expect(replyRecipients('reply', mail({ replyTo: [] }), ME).to).toEqual([{ name: 'Ann', email: 'ann@example.test' }]);
  // Reply all: Reply-To instead of From, the others as Cc.
  const all = replyRecipients('replyAll', { ...list, to: [...list.to!, { name: 'Bob', email: 'bob@example.test' }] }, ME);
  expect([emails(all.to), emails(all.cc)]).toEqual([['list@example.test'], ['bob@example.test']]);
});

it('replying to your own message goes to its original recipients', () => {
  const mine = mail({
    from: [{ name: 'Alice', email: 'alice@example.test' }],
    to: [{ name: 'Bob', email: 'bob@example.test' }],
    cc: [
      { name: 'Carol', email: 'carol@example.test' },
      { name: 'Me at work', email: 'alice.work@example.test' },
    ],
  });
  expect(emails(replyRecipients('reply', mine, ME).to)).toEqual(['bob@example.test']);
  const all = replyRecipients('replyAll', mine, ME);
  expect([emails(all.to), emails(all.cc)]).toEqual([['bob@example.test'], ['carol@example.test']]);
});
