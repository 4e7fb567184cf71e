/**
 * Issue 14: a draft in the Drafts folder, written on any device, opens in the composer
 * with its recipients, subject, text (HTML when written rich, the images it shows inline),
 * attachments by blob id and reply headers, and continues the same composition: its
 * Message-ID is the one the next save replaces it by (or, without one, its id). A cut
 * text is not opened for editing.
 */
import { expect, it } from 'vitest';
import { email } from '../../../testing/records.ts';
import type { Identity } from '../../jmap/index.ts';
import { draftFromServer, wholeDraft, type DraftBody } from './serverDraft.ts';

const identities = [
  { id: 'i1', name: 'Alice', email: 'alice@example.test' },
  { id: 'i2', name: 'Alice at work', email: 'alice@work.test' },
] as Identity[];

const draft = {
  ...email('A', 'e1', 't1', ['drafts'], 1),
  from: [{ name: 'Alice', email: 'alice@work.test' }],
  to: [{ name: 'Bob', email: 'bob@example.test' }],
  cc: [{ name: null, email: 'carol@example.test' }],
  subject: 'Plans',
  messageId: ['c0ffee@example.test'],
};

const richBody: DraftBody = {
  textBody: [{ partId: '1', type: 'text/plain' }],
  htmlBody: [{ partId: '2', type: 'text/html' }],
  attachments: [{ partId: '3', blobId: 'B3', name: 'plan.pdf', type: 'application/pdf', size: 1234 }],
  bodyValues: { '1': { value: 'Hello Bob', isTruncated: false }, '2': { value: '<p>Hello <b>Bob</b></p>', isTruncated: false } },
  bcc: [{ name: null, email: 'dave@example.test' }],
  inReplyTo: ['parent@example.test'],
  references: ['root@example.test', 'parent@example.test'],
} as DraftBody;

it('opens with its recipients, subject, rich text, attachments by blob id and reply headers', () => {
  const row = draftFromServer(draft, richBody, { id: 'd1', accountId: 'A', updatedAt: 5 }, identities);
  expect(row).toMatchObject({ id: 'd1', accountId: 'A', rich: true });
  expect(row.content).toMatchObject({
    from: { name: 'Alice', email: 'alice@work.test' },
    identityId: 'i2',
    to: [{ name: 'Bob', email: 'bob@example.test' }],
    cc: [{ name: null, email: 'carol@example.test' }],
    bcc: [{ name: null, email: 'dave@example.test' }],
    subject: 'Plans',
    textBody: 'Hello Bob',
    htmlBody: '<p>Hello <b>Bob</b></p>',
    inReplyTo: ['parent@example.test'],
    references: ['root@example.test', 'parent@example.test'],
    attachments: [{ blobId: 'B3', name: 'plan.pdf', type: 'application/pdf', size: 1234 }],
  });
});

it('continues the same composition: the next save replaces it by its Message-ID', () => {
  const row = draftFromServer(draft, richBody, { id: 'd1', accountId: 'A', updatedAt: 5 }, identities);
  expect(row.content.draftMessageId).toBe('c0ffee@example.test');
  expect(row.content.serverDraftId).toBeUndefined();
  const bare = draftFromServer({ ...draft, messageId: null }, richBody, { id: 'd2', accountId: 'A', updatedAt: 5 }, identities);
  expect(bare.content.serverDraftId).toBe('e1');
  expect(bare.content.draftMessageId).toMatch(/@work\.test$/);
});

it('a plain-text draft opens as plain text', () => {
  const plain = { ...richBody, htmlBody: [{ partId: '1', type: 'text/plain' }] } as DraftBody;
  const row = draftFromServer(draft, plain, { id: 'd1', accountId: 'A', updatedAt: 5 }, identities);
  expect(row.rich).toBe(false);
  expect(row.content.htmlBody).toBeUndefined();
  expect(row.content.textBody).toBe('Hello Bob');
});

it('a text the server cut is not whole (the reader opens it, an edit would lose the rest)', () => {
  expect(wholeDraft(richBody)).toBe(true);
  expect(wholeDraft({ ...richBody, bodyValues: { ...richBody.bodyValues, '1': { value: 'Hel', isTruncated: true } } })).toBe(false);
});

it('keeps the images its HTML shows inline (by blob id and cid), other parts as files', () => {
  const withImage = {
    ...richBody,
    attachments: [
      ...richBody.attachments,
      { partId: '4', blobId: 'B4', name: 'photo.png', type: 'image/png', size: 99, cid: 'pic@here', disposition: 'inline' },
      { partId: '5', blobId: 'B5', name: 'other.png', type: 'image/png', size: 9, cid: 'unused@here' },
    ],
    bodyValues: { ...richBody.bodyValues, '2': { value: '<p>Look</p><img src="cid:pic@here">', isTruncated: false } },
  } as DraftBody;
  const row = draftFromServer(draft, withImage, { id: 'd1', accountId: 'A', updatedAt: 5 }, identities);
  expect(row.content.attachments).toEqual([
    { blobId: 'B3', name: 'plan.pdf', type: 'application/pdf', size: 1234 },
    { blobId: 'B4', name: 'photo.png', type: 'image/png', size: 99, cid: 'pic@here' },
    { blobId: 'B5', name: 'other.png', type: 'image/png', size: 9 },
  ]);
});
