/**
 * RFC 2369 List-Unsubscribe and RFC 8058 List-Unsubscribe-Post, as the Unsubscribe button
 * reads them: one-click POST where offered over https, else the mailto: (one address),
 * else the web link; nothing but http(s) and mailto: is ever followed, and hostile values
 * choose nothing.
 */
import { describe, expect, it } from 'vitest';
import { listUnsubscribe } from './unsubscribe.ts';

const h = (fields: Record<string, string>) => Object.entries(fields).map(([name, value]) => ({ name, value }));
const ONE_CLICK = 'List-Unsubscribe=One-Click';

describe('UnsubscribeChoosesOneClickThenMailThenLink', () => {
  it('chooses the one-click POST when List-Unsubscribe-Post offers it', () => {
    const got = listUnsubscribe(
      h({
        'List-Unsubscribe': '<mailto:leave@lists.example.com?subject=unsubscribe>, <https://lists.example.com/u/abc?x=1>',
        'List-Unsubscribe-Post': ONE_CLICK,
        'List-Id': '"Weekly news" <news.lists.example.com>',
      }),
    );
    expect(got).toEqual({
      choice: { kind: 'post', url: 'https://lists.example.com/u/abc?x=1', host: 'lists.example.com' },
      listId: 'news.lists.example.com',
      listName: 'Weekly news',
    });
  });

  it('takes the mailto: when there is no one-click, then the link', () => {
    const mail = listUnsubscribe(h({ 'List-Unsubscribe': '<https://x.example/u>, <mailto:leave@x.example?subject=bye%20now>' }));
    expect(mail?.choice).toMatchObject({ kind: 'mailto', to: 'leave@x.example', mail: { subject: 'bye now' } });
    expect(mail?.listName).toBe('x.example');
    // The POST header without an https URL: not one-click.
    const noHttps = listUnsubscribe(h({ 'List-Unsubscribe': '<http://x.example/u>', 'List-Unsubscribe-Post': ONE_CLICK }));
    expect(noHttps?.choice).toEqual({ kind: 'link', url: 'http://x.example/u', host: 'x.example' });
  });

  it('allows a plain-http one-click only on loopback', () => {
    const got = listUnsubscribe(h({ 'List-Unsubscribe': '<http://127.0.0.1:4321/unsub?u=1>', 'List-Unsubscribe-Post': ONE_CLICK }));
    expect(got?.choice).toMatchObject({ kind: 'post', url: 'http://127.0.0.1:4321/unsub?u=1' });
  });

  it('reads folded values and ignores comments and text outside the brackets', () => {
    const got = listUnsubscribe(
      h({
        'List-Unsubscribe': '(Use this)\r\n <https://x.example/\r\n  u/1> (or write) , <mailto:a@x.example>',
        'List-Unsubscribe-Post': ONE_CLICK,
      }),
    );
    expect(got?.choice).toMatchObject({ kind: 'post', url: 'https://x.example/u/1' });
  });

  it('never follows another scheme, and hostile values choose nothing', () => {
    const none = [
      '<javascript:alert(1)>',
      '<data:text/html,<script>alert(1)</script>>',
      '<file:///etc/passwd>',
      '<https://user:pass@x.example/u>',
      '<https://x.example/u\u0000>',
      `<https://x.example/${'a'.repeat(3000)}>`,
      'https://x.example/not-in-brackets',
      '<mailto:a@x.example,b@y.example>',
      '<mailto:a@x.example?cc=victim@y.example>',
      '<mailto:a@x.example?bcc=victim@y.example>',
      '<mailto:"><img src=x>>',
      '',
    ];
    for (const value of none)
      expect(listUnsubscribe(h({ 'List-Unsubscribe': value, 'List-Unsubscribe-Post': ONE_CLICK })), value).toBeNull();
    // A one-click header with a different value is not one-click.
    expect(
      listUnsubscribe(h({ 'List-Unsubscribe': '<https://x.example/u>', 'List-Unsubscribe-Post': 'List-Unsubscribe=Yes' }))?.choice.kind,
    ).toBe('link');
    // The mailto: subject cannot add header lines.
    const mail = listUnsubscribe(h({ 'List-Unsubscribe': '<mailto:a@x.example?subject=hi%0D%0ABcc:%20victim@y.example>' }));
    expect(mail?.choice).toMatchObject({ kind: 'mailto', to: 'a@x.example', mail: { subject: 'hi Bcc: victim@y.example', bcc: [] } });
    // A List-Id name is cut, never a place for markup to matter (it is shown as text).
    expect(
      listUnsubscribe(h({ 'List-Unsubscribe': '<https://x.example/u>', 'List-Id': `${'n'.repeat(500)} <id.example>` }))?.listName,
    ).toHaveLength(120);
  });

  it('says nothing for a message without List-Unsubscribe', () => {
    expect(listUnsubscribe(h({ 'List-Id': '<x.example>' }))).toBeNull();
  });
});
