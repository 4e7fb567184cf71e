/**
 * Shared to the installed app before anyone signed in: nothing is lost. The worker keeps
 * the text and files for no account yet, and the sign-in that follows makes them the new
 * account's draft and unsent attachment, which the page then opens (/?draft=<id>).
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { DraftContent } from '../outbox/index.ts';
import { keepSignIn, MailDb } from '../store/index.ts';
import { keepShare } from './share.ts';

it('keeps a share made while signed out and gives it to the account that signs in', async () => {
  const db = new MailDb(`share-${randomUUID()}`);
  const form = new FormData();
  form.set('title', 'Boarding pass');
  form.set('text', 'Gate B12, seat 14C');
  form.append('files', new File([new Uint8Array([1, 2, 3, 4])], 'pass.pdf', { type: 'application/pdf' }));

  const draftId = await keepShare(db, form);
  const content = (await db.drafts.get(draftId))?.content as DraftContent;
  expect(content.subject).toBe('Boarding pass');
  expect(content.textBody).toContain('Gate B12, seat 14C');
  const [file] = content.attachments;
  expect(file).toMatchObject({ name: 'pass.pdf', size: 4 });

  const account = { id: 'A1', sessionUrl: 'https://mail.example.com/jmap', username: 'dana', name: 'dana@example.com', addedAt: 1 };
  await keepSignIn(db, account, {
    accountId: 'A1',
    url: 'https://mail.example.com',
    auth: { kind: 'basic', username: 'dana', password: 'p' },
  });
  expect((await db.drafts.get(draftId))?.accountId).toBe('A1');
  const blob = await db.outgoingBlobs.get((file as { outgoingBlobId: string }).outgoingBlobId);
  expect(blob?.accountId).toBe('A1');
  expect(Array.from(blob?.bytes as Uint8Array)).toEqual([1, 2, 3, 4]);
  db.close();
});
