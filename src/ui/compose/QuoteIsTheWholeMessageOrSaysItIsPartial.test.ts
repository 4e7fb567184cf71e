import { expect, it } from 'vitest';
import { originalText, wholeText, type QuoteBody } from './quote.ts';

const part = (partId: string, type: string) => ({ partId, type, blobId: null, size: 10 }) as QuoteBody['textBody'][number];

const plainAndHtml: QuoteBody = {
  textBody: [part('1', 'text/plain')],
  htmlBody: [part('2', 'text/html')],
  bodyValues: { '1': { value: 'Hello Alice', isTruncated: false }, '2': { value: '<p>Hello <b>Alice</b></p>', isTruncated: false } },
};
const htmlOnly: QuoteBody = {
  textBody: [part('2', 'text/html')],
  htmlBody: [part('2', 'text/html')],
  bodyValues: { '2': { value: '<p>Hello <b>Alice</b></p>', isTruncated: false } },
};

it('mail with a plain version is quoted from its plain text', () => {
  expect(originalText(plainAndHtml, 'Hello…')).toEqual({ value: 'Hello Alice', html: false, partial: false });
});

it('HTML-only mail is quoted as HTML, never as its source in > lines', () => {
  expect(originalText(htmlOnly, 'Hello…')).toEqual({ value: '<p>Hello <b>Alice</b></p>', html: true, partial: false });
});

it('a body the device keeps only the start of is not whole, and its quote says partial', () => {
  const cut: QuoteBody = { ...plainAndHtml, bodyValues: { ...plainAndHtml.bodyValues, '1': { value: 'Hel', isTruncated: true } } };
  expect(wholeText(plainAndHtml)).toBe(true);
  expect(wholeText(cut)).toBe(false);
  expect(originalText(cut, 'Hello…').partial).toBe(true);
  // The HTML part cut matters only for HTML-only mail.
  const htmlCut = { ...htmlOnly, bodyValues: { '2': { value: '<p>Hel', isTruncated: true } } };
  expect(wholeText(htmlCut)).toBe(false);
  expect(wholeText({ ...plainAndHtml, bodyValues: { ...plainAndHtml.bodyValues, '2': { value: '<p>', isTruncated: true } } })).toBe(true);
});

it('no body on the device and none fetched: the preview, said to be partial', () => {
  expect(originalText(null, 'Hello Alice, about the…')).toEqual({ value: 'Hello Alice, about the…', html: false, partial: true });
});
