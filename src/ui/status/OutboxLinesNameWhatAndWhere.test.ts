import { describe, expect, it } from 'vitest';
import type { Intent, OutboxView } from '../../outbox/index.ts';
import { outboxLines, type EmailFacts, type LineFacts } from './outboxLines.ts';

const now = 1_000_000;
const inbox = { id: 'in', name: 'Inbox', role: 'inbox' };
const folders = [
  inbox,
  { id: 'ar', name: 'Archive', role: 'archive' },
  { id: 'tr', name: 'Trash', role: 'trash' },
  { id: 'rc', name: 'Receipts' },
];
const email = (subject: string, threadId = subject): EmailFacts => ({ subject, threadId, keywords: {}, mailboxIds: { in: true } });
const emails = new Map<string, EmailFacts>([
  ['k', email('Kestrel budget follow-up')],
  ['r1', email('Your receipt #1')],
  ['r2', email('Your receipt #2')],
  ['t1', email('Long thread', 'T')],
  ['t2', email('Re: Long thread', 'T')],
]);
const facts = (over: Partial<LineFacts> = {}): LineFacts => ({ emails, folders, online: false, now, ...over });

let n = 0;
const item = (intent: Intent, over: Partial<OutboxView> = {}): OutboxView => ({
  id: `i${++n}`,
  kind: intent.kind,
  intent,
  summary: intent.kind,
  state: 'waiting',
  createdAt: n,
  ...over,
});
const move = (emailIds: string[], to: string, keywords?: Record<string, boolean>): Intent => ({
  kind: 'move',
  emailIds,
  fromMailboxId: 'in',
  toMailboxId: to,
  ...(keywords ? { keywords } : {}),
});
const read = (emailIds: string[]): Intent => ({ kind: 'keywords', emailIds, add: ['$seen'] });
const words = (items: OutboxView[], over?: Partial<LineFacts>) => outboxLines(items, facts(over)).map((l) => l.words);
const send = (sendAt: number) =>
  item(
    {
      kind: 'send',
      draftId: 'd',
      identityId: 'id',
      content: {
        from: { email: 'me@example.com' },
        to: [{ name: 'Ann', email: 'ann@example.com' }],
        cc: [],
        bcc: [],
        subject: 'Plans',
        textBody: '',
        attachments: [],
      },
    },
    { state: 'held', sendAt },
  );

describe('OutboxLinesNameWhatAndWhere', () => {
  it('names the subject and the destination of each triage action', () => {
    expect(
      words([
        item(move(['k'], 'ar')),
        item(move(['r1', 'r2'], 'rc')),
        item(move(['k'], 'tr')),
        item({ kind: 'destroy', emailIds: ['r1'] }),
        item(move(['t1', 't2'], 'ar')),
      ]),
    ).toEqual([
      // The archive of k is replaced by its delete, the move of r1 by deleting it for good:
      // what remains is what the flusher sends.
      'Move “Your receipt #2” to Receipts',
      'Delete “Kestrel budget follow-up”',
      'Delete “Your receipt #1” for good',
      'Archive “Long thread”',
    ]);
  });

  it('says spam, stars and unread marks in words', () => {
    expect(
      words(
        [
          item(move(['k'], 'junk', { $junk: true, $notjunk: false })),
          item({ kind: 'keywords', emailIds: ['r1', 'r2'], add: ['$flagged'] }),
          item({ kind: 'keywords', emailIds: ['t1'], remove: ['$seen'] }),
        ],
        { emails: new Map([...emails, ['t1', { ...email('Long thread', 'T'), keywords: { $seen: true } }]]) },
      ),
    ).toEqual(['Report “Kestrel budget follow-up” as spam', 'Star 2 messages', 'Mark “Long thread” as unread']);
  });

  it('adds no line for opening mail that is then archived, and one line for the rest of the read marks', () => {
    const lines = outboxLines(
      [item(read(['k'])), item(move(['k'], 'ar')), item(read(['r1'])), item(read(['r2'])), item(read(['r2']))],
      facts(),
    );
    expect(lines.map((l) => l.words)).toEqual(['Archive “Kestrel budget follow-up”', 'Mark 2 messages as read']);
    // The second read mark of r2 replaced the first: both go with the line, and the
    // first one's read mark goes with the archive.
    expect(lines[1]!.items).toHaveLength(3);
    expect(lines[0]!.items).toHaveLength(2);
  });

  it('shows nothing for changes that cancel out, as the flusher sends nothing', () => {
    expect(words([item(read(['k'])), item({ kind: 'keywords', emailIds: ['k'], remove: ['$seen'] })])).toEqual([]);
    expect(words([item(move(['k'], 'rc')), item({ kind: 'move', emailIds: ['k'], fromMailboxId: 'rc', toMailboxId: 'in' })])).toEqual([]);
  });

  it('keeps a failed item with its reason even when nothing else would show it', () => {
    const lines = outboxLines([item(read(['k']), { state: 'failed', reason: 'the server refused it' })], facts({ online: true }));
    expect(lines.map((l) => [l.words, l.state])).toEqual([['Mark “Kestrel budget follow-up” as read', 'failed: the server refused it']]);
  });

  it('counts a send to Ann down while it can be undone, then says it goes when back online', () => {
    const held = outboxLines([send(now + 6_500)], facts());
    expect(held.map((l) => [l.words, l.state, l.held])).toEqual([['Send “Plans” to Ann', 'sending in 7 s', true]]);
    const over = outboxLines([send(now - 1)], facts());
    expect(over.map((l) => [l.state, l.held])).toEqual([['Will be sent when you are back online', false]]);
    expect(outboxLines([send(now - 1)], facts({ online: true }))[0]!.state).not.toMatch(/in 0 s/);
  });
});
