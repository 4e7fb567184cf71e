import { expect, it } from 'vitest';
import { prefill } from './draft.ts';
import { attribution, forwardSubject, quotePlain, replySubject, type ReplyOriginal } from './reply.ts';

const original: ReplyOriginal = {
  from: [{ name: 'Ann Example', email: 'ann@example.test' }],
  to: [{ name: 'Alice', email: 'alice@example.test' }],
  cc: null,
  subject: 'Re: RE: Plans',
  messageId: ['p@x.test'],
  sentAt: '2026-12-01T06:58:41Z',
  receivedMs: Date.parse('2026-12-01T07:00:00Z'),
};

it('a reply gets one "Re: ", a forward one "Fwd: "', () => {
  expect(replySubject('Plans')).toBe('Re: Plans');
  expect(replySubject('Re: re:RE: Plans')).toBe('Re: Plans');
  expect(replySubject('AW: Re[2]: Plans')).toBe('Re: Plans');
  expect(replySubject(null)).toBe('Re: ');
  expect(forwardSubject('Fwd: FW: Plans')).toBe('Fwd: Plans');
  expect(forwardSubject('Re: Plans')).toBe('Fwd: Re: Plans');
});

it('the attribution line is in the person’s locale, from the Date header, without seconds', () => {
  expect(attribution(original, 'en-GB', 'UTC')).toBe('On 1 Dec 2026, 06:58, Ann Example wrote:');
  expect(attribution(original, 'de-DE', 'UTC')).toBe('On 01.12.2026, 06:58, Ann Example wrote:');
  expect(attribution({ ...original, sentAt: null, from: [{ name: null, email: 'ann@example.test' }] }, 'en-GB', 'UTC')).toBe(
    'On 1 Dec 2026, 07:00, ann@example.test wrote:',
  );
});

it('plain text is quoted as "> " lines', () => {
  expect(quotePlain('Hi,\n\nsee you\r\nAnn\n\n')).toBe('> Hi,\n>\n> see you\n> Ann');
});

it('a reply quotes below the attribution; HTML-only mail in a blockquote, in rich text', () => {
  const plain = prefill('reply', original, { text: 'Hello\nAnn', html: null }, ['alice@example.test'], 'en-GB', 'UTC');
  expect(plain.rich).toBe(false);
  expect(plain.content.textBody).toBe('\n\nOn 1 Dec 2026, 06:58, Ann Example wrote:\n> Hello\n> Ann');
  expect(plain.content.subject).toBe('Re: Plans');
  const html = prefill('reply', original, { text: 'Hello', html: '<p>Hello <b>there</b></p>' }, [], 'en-GB', 'UTC');
  expect(html.rich).toBe(true);
  expect(html.content.htmlBody).toBe(
    '<p><br></p><p>On 1 Dec 2026, 06:58, Ann Example wrote:</p><blockquote type="cite"><p>Hello <b>there</b></p></blockquote>',
  );
  expect(html.content.textBody).toContain('> Hello');
});

it('an inline forward carries From, Date, Subject and To above the original', () => {
  const { content } = prefill('forward', original, { text: 'Hello', html: null }, [], 'en-GB', 'UTC');
  expect(content.subject).toBe('Fwd: Re: RE: Plans');
  expect(content.textBody).toBe(
    '\n\n---------- Forwarded message ----------\nFrom: "Ann Example" <ann@example.test>\nDate: 1 Dec 2026, 06:58\nSubject: Re: RE: Plans\nTo: "Alice" <alice@example.test>\n\nHello',
  );
  expect(content.to).toBeUndefined();
});
