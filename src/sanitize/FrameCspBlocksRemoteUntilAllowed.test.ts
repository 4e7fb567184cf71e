import { expect, it } from 'vitest';
import { buildFrameDocument, frameContentSecurityPolicy } from './frameDocument.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

it('blocks every remote load and all script when remote content is not allowed', () => {
  const csp = directives(frameContentSecurityPolicy(false));
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('script-src')).toBeUndefined(); // falls back to default-src 'none'
  for (const [name, values] of csp) {
    expect(values, name).not.toContain('https:');
    expect(values, name).not.toContain('http:');
    expect(values, name).not.toContain('*');
  }
  expect(csp.get('img-src')).toEqual(['blob:', 'data:']);
  expect(csp.get('form-action')).toEqual(["'none'"]);
});

it('allows remote images, styles, fonts and media, and still no script, once allowed', () => {
  const csp = directives(frameContentSecurityPolicy(true));
  for (const name of ['img-src', 'style-src', 'font-src', 'media-src']) expect(csp.get(name), name).toContain('https:');
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('style-src')).not.toContain("'unsafe-eval'");
});

it('puts the CSP first in <head>, before the message body, with links opening elsewhere', () => {
  const doc = buildFrameDocument('<div class="mail-root"><img src="x"></div>', { allowRemote: false });
  const cspAt = doc.indexOf('http-equiv="Content-Security-Policy"');
  expect(cspAt).toBeGreaterThan(0);
  expect(cspAt).toBeLessThan(doc.indexOf('<body>'));
  expect(doc.indexOf('<body>')).toBeLessThan(doc.indexOf('<div class="mail-root">'));
  expect(doc).toContain('<base target="_blank">');
  expect(doc).toContain('<meta name="referrer" content="no-referrer">');
  expect(doc).toContain("content=\"default-src 'none'; img-src blob: data:;");
});

it('keeps a mail that paints its own colors on a light page', () => {
  expect(buildFrameDocument('', { allowRemote: false, declaresColors: true })).toContain('<html class="mail-paper">');
  expect(buildFrameDocument('', { allowRemote: false })).toContain('<html class="mail-auto">');
});
