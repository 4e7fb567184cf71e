import { describe, expect, it } from 'vitest';
import { classifyResourceUrl, compactUrl, isRasterDataImage, normalizeContentId, safeLinkHref } from './urls.ts';

describe('resource URLs', () => {
  it('treats http, https and protocol-relative URLs as remote', () => {
    expect(classifyResourceUrl('http://remote.test/a.png')).toEqual({ kind: 'remote', url: 'http://remote.test/a.png' });
    expect(classifyResourceUrl('  HTTPS://remote.test/a.png ')).toEqual({ kind: 'remote', url: 'HTTPS://remote.test/a.png' });
    expect(classifyResourceUrl('//remote.test/a.png')).toEqual({ kind: 'remote', url: 'https://remote.test/a.png' });
  });

  it('refuses relative URLs, which would resolve against the app itself', () => {
    expect(classifyResourceUrl('/logout').kind).toBe('refused');
    expect(classifyResourceUrl('image.png').kind).toBe('refused');
    expect(classifyResourceUrl('').kind).toBe('refused');
  });

  it('refuses script, file and foreign blob URLs even when disguised with whitespace', () => {
    for (const url of [
      'javascript:top.__xss(1)',
      'java\tscript:x',
      '\u0001javascript:x',
      'vbscript:x',
      'file:///etc/passwd',
      'blob:http://127.0.0.1/uuid',
      'data:text/html,<script>x</script>',
      'data:image/svg+xml,<svg onload=x>',
    ]) {
      expect(classifyResourceUrl(url).kind, url).toBe('refused');
    }
  });

  it('keeps raster data images and in-document fragments', () => {
    expect(classifyResourceUrl('data:image/png;base64,AAAA').kind).toBe('inline');
    expect(classifyResourceUrl('data:image/jpeg,xyz').kind).toBe('inline');
    expect(isRasterDataImage('data:image/svg+xml;base64,AAAA')).toBe(false);
    expect(classifyResourceUrl('#grad').kind).toBe('fragment');
  });

  it('reads cid: URLs as URL-encoded Content-IDs', () => {
    expect(classifyResourceUrl('cid:part1%40example.com')).toEqual({ kind: 'cid', id: 'part1@example.com' });
    expect(normalizeContentId('<part1@example.com>')).toBe('part1@example.com');
    expect(normalizeContentId('bad%zzescape')).toBe('bad%zzescape');
  });

  it('reads URLs the way the browser URL parser does', () => {
    expect(compactUrl(' \n java\nscript:x \t')).toBe('javascript:x');
    expect(compactUrl('http://x/a b.png')).toBe('http://x/a b.png');
  });
});

describe('link hrefs', () => {
  it('keeps web, mail and phone links', () => {
    expect(safeLinkHref('https://example.com/x?y#z')).toBe('https://example.com/x?y#z');
    expect(safeLinkHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeLinkHref('tel:+4912345')).toBe('tel:+4912345');
    expect(safeLinkHref('//example.com')).toBe('https://example.com');
  });

  it('drops script, data, relative and fragment links', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'jav&#x09;ascript:x',
      'vbscript:x',
      'data:text/html;base64,PHNjcmlwdD4=',
      '/inbox',
      '#top',
      'http:/x',
      'https://',
    ]) {
      expect(safeLinkHref(href), href).toBeNull();
    }
  });
});
