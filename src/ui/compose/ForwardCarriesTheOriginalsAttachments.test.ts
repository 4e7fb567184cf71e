import { expect, it } from 'vitest';
import { forwardAttachments } from './reply.ts';

const original = { blobId: 'Gmsg', subject: 'Q3: report / final', size: 52_000 };
const listed = [
  { blobId: 'Gpart1', name: 'report.pdf', type: 'application/pdf', size: 40_000 },
  { blobId: 'Gpart2', name: null, type: 'image/png', size: 9_000 },
  { blobId: null, name: 'broken', type: 'text/plain', size: 1 },
];

it('an inline forward names each of the original’s attachments by its blob id, with no bytes to upload', () => {
  expect(forwardAttachments(original, listed, false)).toEqual([
    { blobId: 'Gpart1', name: 'report.pdf', type: 'application/pdf', size: 40_000 },
    { blobId: 'Gpart2', name: 'attachment', type: 'image/png', size: 9_000 },
  ]);
  expect(forwardAttachments(original, listed, false).some((a) => 'outgoingBlobId' in a)).toBe(false);
});

it('forward as attachment carries the original message itself (message/rfc822, by its blob id)', () => {
  expect(forwardAttachments(original, listed, true)).toEqual([
    { blobId: 'Gmsg', name: 'Q3 report final.eml', type: 'message/rfc822', size: 52_000 },
  ]);
});

it('a message without a blob id is forwarded inline', () => {
  expect(forwardAttachments({ ...original, blobId: null }, listed, true).map((a) => a.blobId)).toEqual(['Gpart1', 'Gpart2']);
});
