import { expect, it } from 'vitest';
import { linkify } from './linkify.ts';

const links = (text: string) => linkify(text).filter((s) => s.kind === 'link');

it('links http, https, www and mailto, leaving the rest as text', () => {
  const segments = linkify('See https://example.com/a?b=1 or www.example.org, mail mailto:me@example.com.');
  expect(segments).toEqual([
    { kind: 'text', text: 'See ' },
    { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
    { kind: 'text', text: ' or ' },
    { kind: 'link', text: 'www.example.org', href: 'https://www.example.org/' },
    { kind: 'text', text: ', mail ' },
    { kind: 'link', text: 'mailto:me@example.com', href: 'mailto:me@example.com' },
    { kind: 'text', text: '.' },
  ]);
  expect(segments.map((s) => s.text).join('')).toBe('See https://example.com/a?b=1 or www.example.org, mail mailto:me@example.com.');
});

it('never links other schemes', () => {
  for (const text of [
    'javascript:top.__xss(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    'vbscript:msgbox',
    'ftp://example.com/x',
  ]) {
    expect(links(text), text).toEqual([]);
  }
  expect(links('jav\u0000ascript://example.com/%0aalert(1)')).toEqual([]);
});

it('does not swallow closing punctuation or an unbalanced parenthesis', () => {
  expect(links('(see https://en.wikipedia.org/wiki/Foo_(bar)).')[0]?.text).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
  expect(links('"https://example.com/x"')[0]?.text).toBe('https://example.com/x');
});

it('stops a link at markup characters, which stay text', () => {
  const segments = linkify('https://example.com/<img src=x onerror=alert(1)>');
  expect(segments[0]).toEqual({ kind: 'link', text: 'https://example.com/', href: 'https://example.com/' });
  expect(segments[1]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)>' });
});

it('stays linear on a huge body', () => {
  const body = ('word '.repeat(20) + 'https://example.com/' + 'a'.repeat(50) + ' ').repeat(20_000);
  const started = performance.now();
  expect(links(body)).toHaveLength(20_000);
  expect(performance.now() - started).toBeLessThan(3_000);
});
