import { describe, expect, it } from 'vitest';
import { expandTemplate, pctEncode, templateVariables } from './template.ts';

describe('URI templates (RFC 6570 level 1 and the form-style query operators)', () => {
  it('expands Cyrus-style download templates, percent-encoding everything but unreserved characters', () => {
    const t = '/jmap/download/{accountId}/{blobId}/{name}?accept={type}';
    expect(expandTemplate(t, { accountId: 'alice', blobId: 'G5a/b+c', name: 'Report (final) ü.pdf', type: 'application/pdf' })).toBe(
      '/jmap/download/alice/G5a%2Fb%2Bc/Report%20%28final%29%20%C3%BC.pdf?accept=application%2Fpdf',
    );
  });

  it('encodes the reserved characters encodeURIComponent leaves alone', () => {
    expect(pctEncode("!'()*")).toBe('%21%27%28%29%2A');
    expect(pctEncode('a-b_c.d~e')).toBe('a-b_c.d~e');
  });

  it('expands undefined variables to nothing', () => {
    expect(expandTemplate('/x/{a}/{b}', { a: '1' })).toBe('/x/1/');
  });

  it('expands {?a,b} and {&c} form-style query expressions', () => {
    expect(expandTemplate('/es{?types,ping}{&closeafter}', { types: 'Email,Mailbox', ping: 30, closeafter: 'no' })).toBe(
      '/es?types=Email%2CMailbox&ping=30&closeafter=no',
    );
    expect(expandTemplate('/es{?types}', {})).toBe('/es');
  });

  it('lists the variables a template uses', () => {
    expect(templateVariables('/e/?types={types}&closeafter={closeafter}&ping={ping}')).toEqual(['types', 'closeafter', 'ping']);
    expect(templateVariables('https://api.fastmail.com/jmap/event/')).toEqual([]);
  });
});
