import { describe, expect, it } from 'vitest';
import { applyForm, parseHeaderFields, parseHeaderProperty, parseStructured } from './headers.ts';

describe('RFC 8621 header forms on values seen in real mail', () => {
  it('keeps raw values with folding, and unfolds and decodes the Text form', () => {
    const fields = parseHeaderFields('Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n  =?UTF-8?B?w6Agbm9vbg==?=\r\nX-Empty:\r\n');
    expect(fields[0]).toEqual({ name: 'Subject', value: ' =?UTF-8?Q?Caf=C3=A9?=\r\n  =?UTF-8?B?w6Agbm9vbg==?=' });
    expect(applyForm(fields[0]!.value, 'Text')).toBe('Caféà noon');
    expect(fields[1]).toEqual({ name: 'X-Empty', value: '' });
  });

  it('parses addresses, groups and encoded names', () => {
    const raw = ' "Lefèvre, Zoë" <zoe@example.com>, Team: a@example.com, =?ISO-8859-1?Q?Ren=E9?= <rene@example.fr>;, plain@example.org';
    expect(applyForm(raw, 'Addresses')).toEqual([
      { name: 'Lefèvre, Zoë', email: 'zoe@example.com' },
      { name: null, email: 'a@example.com' },
      { name: 'René', email: 'rene@example.fr' },
      { name: null, email: 'plain@example.org' },
    ]);
    expect(applyForm(raw, 'GroupedAddresses')).toEqual([
      { name: null, addresses: [{ name: 'Lefèvre, Zoë', email: 'zoe@example.com' }] },
      {
        name: 'Team',
        addresses: [
          { name: null, email: 'a@example.com' },
          { name: 'René', email: 'rene@example.fr' },
        ],
      },
      { name: null, addresses: [{ name: null, email: 'plain@example.org' }] },
    ]);
  });

  it('parses message ids, dates with comments, and URL lists', () => {
    expect(applyForm(' <a@x>\r\n <b@y> (comment)', 'MessageIds')).toEqual(['a@x', 'b@y']);
    expect(applyForm(' bare@id.example', 'MessageIds')).toEqual(['bare@id.example']);
    expect(applyForm(' not an id', 'MessageIds')).toBeNull();
    expect(applyForm(' Tue, 3 Mar 2026 10:00:00 +0100 (CET)', 'Date')).toBe('2026-03-03T10:00:00+01:00');
    expect(applyForm(' Tue, 3 Mar 2026 10:00:00 -0430', 'Date')).toBe('2026-03-03T10:00:00-04:30');
    expect(applyForm(' Tue, 3 Mar 2026 10:00:00 GMT', 'Date')).toBe('2026-03-03T10:00:00Z');
    expect(applyForm(' yesterday-ish', 'Date')).toBeNull();
    expect(applyForm(' <https://example.com/u?a=1>, <mailto:u@example.com?subject=stop>', 'URLs')).toEqual([
      'https://example.com/u?a=1',
      'mailto:u@example.com?subject=stop',
    ]);
  });

  it('checks header property names and which forms a field allows', () => {
    expect(parseHeaderProperty('header:From:asAddresses:all')).toEqual({ name: 'From', form: 'Addresses', all: true });
    expect(parseHeaderProperty('header:Subject:asAddresses')).toBe('invalid');
    expect(parseHeaderProperty('header:X-Anything:asDate')).toEqual({ name: 'X-Anything', form: 'Date', all: false });
    expect(parseHeaderProperty('header:From:all:asAddresses')).toBe('invalid');
    expect(parseHeaderProperty('subject')).toBeNull();
  });

  it('decodes RFC 2231 parameters with continuations and charsets', () => {
    const cd = parseStructured(' attachment;\r\n filename*0*=utf-8\'\'na%C3%AFve%20;\r\n filename*1="report.pdf"; size=42');
    expect(cd).toEqual({ value: 'attachment', params: { filename: 'naïve report.pdf', size: '42' } });
    expect(parseStructured(' text/plain; charset="ISO-8859-1"; format=flowed').params).toEqual({ charset: 'ISO-8859-1', format: 'flowed' });
  });
});
