/**
 * Issue 14: the composer queues a save every few seconds while the person types. A new
 * save of a draft replaces the ones of the same draft still waiting (a burst sends only
 * the last), never one whose request is out, nor another draft's; each names the
 * composition's Message-ID, and the last server copy the device knows of.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { MailDb } from '../store/index.ts';
import { uniqueDbName } from '../../testing/records.ts';
import { enqueue } from './enqueue.ts';
import type { DraftContent } from './intents.ts';
import { accountItems, items } from './tables.ts';

const A = 'acct';
const content = (text: string, draftMessageId = 'comp-1@example.test'): DraftContent => ({
  from: { email: 'alice@example.test' },
  to: [],
  cc: [],
  bcc: [],
  subject: 'Plans',
  textBody: text,
  attachments: [],
  draftMessageId,
});

it('keeps only the newest waiting save of a draft, beside the one in flight and other drafts', async () => {
  const db = new MailDb(uniqueDbName('burst'));
  const first = await enqueue(db, A, { kind: 'saveDraft', draftId: 'd1', content: content('v1') });
  await items(db).update(first, { state: 'sending' });
  await enqueue(db, A, { kind: 'saveDraft', draftId: 'other', content: content('x', 'comp-2@example.test') });
  for (let i = 2; i <= 6; i++) await enqueue(db, A, { kind: 'saveDraft', draftId: 'd1', content: content(`v${i}`) });
  const left = await accountItems(db, A);
  const text = (draftId: string) =>
    left.flatMap((i) => (i.intent.kind === 'saveDraft' && i.intent.draftId === draftId ? [i.intent.content.textBody] : []));
  expect(text('d1')).toEqual(['v1', 'v6']);
  expect(text('other')).toEqual(['x']);
  // The save's Message-ID is the composition's, the same for every save of it.
  expect(new Set(left.filter((i) => i.intent.kind === 'saveDraft' && i.intent.draftId === 'd1').map((i) => i.messageId))).toEqual(
    new Set(['comp-1@example.test']),
  );
});

it('names the last server copy kept with the draft, and gives a draft without one its Message-ID', async () => {
  const db = new MailDb(uniqueDbName('copy'));
  await db.drafts.put({ id: 'd1', accountId: A, updatedAt: 1, serverId: 'M9', landedAt: 1 });
  await enqueue(db, A, { kind: 'saveDraft', draftId: 'd1', content: content('v1') });
  await enqueue(db, A, { kind: 'saveDraft', draftId: 'd2', content: { ...content('v1'), draftMessageId: undefined } });
  const [one, two] = (await accountItems(db, A)).sort((a, b) => a.createdAt - b.createdAt);
  expect(one!.serverDraftId).toBe('M9');
  expect(two!.serverDraftId).toBeUndefined();
  const made = two!.intent.kind === 'saveDraft' ? two!.intent.content.draftMessageId : undefined;
  expect(made).toMatch(/@example\.test$/);
  expect(two!.messageId).toBe(made);
});

it('drops the waiting saves of a draft that is sent or discarded (they destroy its copies themselves)', async () => {
  const db = new MailDb(uniqueDbName('sent'));
  await enqueue(db, A, { kind: 'saveDraft', draftId: 'd1', content: content('v1') });
  await enqueue(db, A, { kind: 'saveDraft', draftId: 'd2', content: content('w1', 'comp-2@example.test') });
  await enqueue(db, A, {
    kind: 'send',
    draftId: 'd1',
    identityId: 'i1',
    content: { ...content('v2'), to: [{ email: 'bob@example.test' }] },
  });
  await enqueue(db, A, { kind: 'discardDraft', draftId: 'd2', draftMessageId: 'comp-2@example.test' });
  expect((await accountItems(db, A)).map((i) => i.intent.kind).sort()).toEqual(['discardDraft', 'send']);
});
