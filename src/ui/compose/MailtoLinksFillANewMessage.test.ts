import { describe, expect, it } from 'vitest';
import { parseMailto } from './mailto.ts';

const emails = (list: { email: string }[]) => list.map((r) => r.email);

describe('a mailto: link fills a new message', () => {
  it('takes several addresses before "?" and adds to=, cc= and bcc= ones', () => {
    const m = parseMailto('mailto:ann@example.org,bob@example.net?to=carl@example.com&cc=dora@example.org&bcc=eve@example.org')!;
    expect(emails(m.to)).toEqual(['ann@example.org', 'bob@example.net', 'carl@example.com']);
    expect(emails(m.cc)).toEqual(['dora@example.org']);
    expect(emails(m.bcc)).toEqual(['eve@example.org']);
    expect(m.bad).toEqual({ to: [], cc: [], bcc: [] });
  });

  it('decodes percent-encoded UTF-8 in subject and body, keeps "+" a plus, and turns %0D%0A into lines', () => {
    const m = parseMailto('mailto:ann@example.org?subject=Caf%C3%A9%20%E2%82%AC5%2Bmore&body=Line%201%0D%0ALine+2')!;
    expect(m.subject).toBe('Café €5+more');
    expect(m.body).toBe('Line 1\nLine+2');
  });

  it('reads header names in any case and a body-only link with no address', () => {
    const m = parseMailto('MAILTO:?SUBJECT=Hi&Body=Text')!;
    expect(m.to).toEqual([]);
    expect(m.subject).toBe('Hi');
    expect(m.body).toBe('Text');
  });

  it('ignores every other header a sender could slip in (attachments, In-Reply-To)', () => {
    const m = parseMailto('mailto:ann@example.org?attach=/etc/passwd&In-Reply-To=%3Cx@y%3E&X-Mailer=evil&subject=ok')!;
    expect(Object.keys(m).sort()).toEqual(['bad', 'bcc', 'body', 'cc', 'subject', 'to']);
    expect(m.subject).toBe('ok');
  });

  it('takes only plain addresses, reports the rest, and keeps a subject on one line', () => {
    const m = parseMailto('mailto:not-an-address,ann@example.org?subject=a%0D%0ABcc:%20x@evil.test')!;
    expect(emails(m.to)).toEqual(['ann@example.org']);
    expect(m.bad).toEqual({ to: ['not-an-address'], cc: [], bcc: [] });
    expect(m.subject).toBe('a Bcc: x@evil.test');
  });

  it('keeps a malformed escape as written', () => {
    expect(parseMailto('mailto:ann@example.org?subject=100%25%20sure%zz')!.subject).toBe('100% sure%zz');
  });

  it('is nothing for other schemes', () => {
    expect(parseMailto('javascript:alert(1)')).toBeNull();
    expect(parseMailto('https://example.org/mailto:ann@example.org')).toBeNull();
  });
});
