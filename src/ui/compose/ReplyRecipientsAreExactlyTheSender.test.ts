import { describe, expect, it } from 'vitest';
import type { EmailRecord } from '../../sync/index.ts';
import { nameForText } from './addresses.ts';
import { prefill } from './draft.ts';
import { committed, fieldRecipients, loadedFields, reopened, typed, withoutAddresses } from './recipients.ts';

const ME = 'alice@example.test';
const HI = { text: 'hi', html: null };
const SENDER = 'real.sender@example.test';

// From display names written to become recipients once a reply is made as text.
const HOSTILE_NAMES = [
  'attacker@evil.test; Support',
  'attacker@evil.test, Support',
  'Support <attacker@evil.test>',
  'x" <attacker@evil.test>, "y',
  'x\\" <attacker@evil.test>, \\"y',
  'Team: attacker@evil.test;',
  '(attacker@evil.test)',
  'attacker＠evil.test',
  'attacker﹫evil.test',
  '\u202eattacker@evil.test\u202c',
  'attacker\u200b@evil.test',
  '=?utf-8?B?YXR0YWNrZXJAZXZpbC50ZXN0?=',
  'Support\r\nBcc: attacker@evil.test',
  'attacker@evil.test',
];

function original(fromName: string, extra: Partial<EmailRecord> = {}): EmailRecord {
  return {
    accountId: 'a',
    id: 'm1',
    blobId: null,
    threadId: 't1',
    mailboxIds: {},
    keywords: {},
    receivedAt: '2024-01-01T00:00:00Z',
    receivedMs: 0,
    sentAt: null,
    from: [{ name: fromName, email: SENDER }],
    to: [{ name: 'Alice', email: ME }],
    cc: null,
    subject: 'Invoice',
    preview: '',
    size: 1,
    hasAttachment: false,
    messageId: ['m1@example.test'],
    gen: 0,
    ...extra,
  };
}

/** What Send would submit for each field of the prefilled draft, as Compose loads it. */
function sent({ content: draft }: ReturnType<typeof prefill>) {
  const fields = loadedFields({ to: draft.to ?? [], cc: draft.cc ?? [], bcc: draft.bcc ?? [] });
  return { to: fieldRecipients(fields.to), cc: fieldRecipients(fields.cc), bcc: fieldRecipients(fields.bcc), fields };
}

describe('Reply sends to exactly the sender, whatever the sender calls itself', () => {
  it.each(HOSTILE_NAMES)('%j', (name) => {
    const { to, cc, bcc } = sent(prefill('reply', original(name), HI, [ME]));
    expect(to).toEqual({ list: [{ name, email: SENDER }], bad: [] });
    expect(cc.list).toEqual([]);
    expect(bcc.list).toEqual([]);
  });
});

describe('Reply all sends to exactly the sender and the other recipients', () => {
  it.each(HOSTILE_NAMES)('%j', (name) => {
    const mail = original(name, {
      to: [
        { name: 'Alice', email: ME },
        { name, email: 'carol@example.test' },
      ],
      cc: [{ name, email: 'dave@example.test' }],
    });
    const { to, cc } = sent(prefill('replyAll', mail, HI, [ME]));
    expect(to.list).toEqual([{ name, email: SENDER }]);
    expect(cc.list).toEqual([
      { name, email: 'carol@example.test' },
      { name, email: 'dave@example.test' },
    ]);
  });
});

describe('once the person opens the chip as text and adds to it, it reads back as the same sender plus what was typed', () => {
  it.each(HOSTILE_NAMES)('%j', (name) => {
    const { fields } = sent(prefill('reply', original(name), HI, [ME]));
    const open = reopened(fields.to, 0);
    expect(open.chips).toEqual([]);
    const edited = fieldRecipients(committed(typed(open, `${open.text}, Bob <bob@example.test>`)));
    expect(edited.bad).toEqual([]);
    expect(edited.list).toEqual([
      { name: nameForText(name), email: SENDER },
      { name: 'Bob', email: 'bob@example.test' },
    ]);
  });
});

it('Forward starts with no recipients', () => {
  const { to, cc, bcc } = sent(prefill('forward', original('attacker@evil.test; Support'), HI, [ME]));
  expect([to.list, cc.list, bcc.list]).toEqual([[], [], []]);
});

it('a sender without an address is not a recipient', () => {
  const mail = original('attacker@evil.test', { from: [{ name: 'attacker@evil.test', email: '' }] });
  expect(sent(prefill('reply', mail, HI, [ME])).to.list).toEqual([]);
});

it('Reply all leaves out the person once their identities are known (the account name is a bare username)', () => {
  const mail = original('attacker@evil.test; Support', {
    to: [
      { name: 'Alice', email: ME },
      { name: 'Carol', email: 'carol@example.test' },
    ],
  });
  const { fields } = sent(prefill('replyAll', mail, HI, ['alice']));
  expect(fieldRecipients(fields.cc).list.map((a) => a.email)).toEqual([ME, 'carol@example.test']);
  const known = withoutAddresses(fields, ['cc'], ['Alice@Example.test']);
  expect(fieldRecipients(known.cc).list).toEqual([{ name: 'Carol', email: 'carol@example.test' }]);
  expect(known.to).toBe(fields.to);
  // What the person typed is left as typed.
  const mine = { ...fields, cc: committed(fields.cc, `${ME}, carol@example.test`) };
  expect(withoutAddresses(mine, ['cc'], [ME]).cc).toBe(mine.cc);
});
