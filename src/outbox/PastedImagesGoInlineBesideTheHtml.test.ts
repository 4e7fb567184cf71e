/**
 * An image in the message body travels inside multipart/related with the HTML that
 * references it (RFC 2387), the plain text beside them as the alternative, files after;
 * without inline images the server builds the structure from the flat properties, as
 * before. The body structure is what Email/set receives (bodyParts.ts).
 */
import { expect, it } from 'vitest';
import { emailBody } from './bodyParts.ts';

const image = { blobId: 'B-img', name: 'pasted.png', type: 'image/png', cid: 'img1@device' };
const file = { blobId: 'B-pdf', name: 'plan.pdf', type: 'application/pdf' };
const html = '<p>Look:</p><img src="cid:img1@device">';

it('puts a referenced image inline in multipart/related beside the HTML, the text as its alternative', () => {
  const body = emailBody('Look:', html, [image]);
  expect(body.textBody).toBeUndefined();
  expect(body.htmlBody).toBeUndefined();
  expect(body.attachments).toBeUndefined();
  expect(body.bodyValues).toEqual({ t: { value: 'Look:' }, h: { value: html } });
  expect(body.bodyStructure).toEqual({
    type: 'multipart/alternative',
    subParts: [
      { partId: 't', type: 'text/plain' },
      {
        type: 'multipart/related',
        subParts: [
          { partId: 'h', type: 'text/html' },
          { blobId: 'B-img', type: 'image/png', name: 'pasted.png', disposition: 'inline', cid: 'img1@device' },
        ],
      },
    ],
  });
});

it('wraps the alternative in multipart/mixed when files are attached too', () => {
  const body = emailBody('Look:', html, [image, file]);
  expect(body.bodyStructure?.type).toBe('multipart/mixed');
  const [alternative, attached] = body.bodyStructure!.subParts!;
  expect(alternative!.type).toBe('multipart/alternative');
  expect(attached).toEqual({ blobId: 'B-pdf', type: 'application/pdf', name: 'plan.pdf', disposition: 'attachment' });
});

it('leaves out an inline image the HTML no longer shows', () => {
  const body = emailBody('Nothing', '<p>Nothing</p>', [image, file]);
  expect(body.bodyStructure).toBeUndefined();
  expect(body.attachments).toEqual([{ blobId: 'B-pdf', type: 'application/pdf', name: 'plan.pdf', disposition: 'attachment' }]);
});

it('sends inline images of a message gone plain as attachments, nothing lost', () => {
  const body = emailBody('Look:', undefined, [image]);
  expect(body.bodyStructure).toBeUndefined();
  expect(body.attachments).toEqual([{ blobId: 'B-img', type: 'image/png', name: 'pasted.png', disposition: 'attachment' }]);
});

it('gives the flat properties when nothing is inline', () => {
  expect(emailBody('Hi', '<p>Hi</p>', [file])).toEqual({
    bodyValues: { t: { value: 'Hi' }, h: { value: '<p>Hi</p>' } },
    textBody: [{ partId: 't', type: 'text/plain' }],
    htmlBody: [{ partId: 'h', type: 'text/html' }],
    attachments: [{ blobId: 'B-pdf', type: 'application/pdf', name: 'plan.pdf', disposition: 'attachment' }],
  });
});
