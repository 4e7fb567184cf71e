import { expect, it } from 'vitest';
import { estimateNestingDepth, MAX_NESTING_DEPTH, whyNotRenderable } from './limits.ts';

it('estimates nesting like the parser stacks elements', () => {
  expect(estimateNestingDepth('<div><div><span>x</span></div></div>')).toBe(3);
  expect(estimateNestingDepth('<p>a<p>b<p>c<li>d<li>e')).toBe(0);
  expect(estimateNestingDepth('<img><br><hr><svg><path/></svg>')).toBe(1);
  expect(estimateNestingDepth('<b><i><font>never closed')).toBe(3);
  expect(estimateNestingDepth('<!-- <div><div> --><style>div > <div{}</STYLE><div></div>')).toBe(1);
});

it('refuses 100,000 levels of nesting but not a deep real mail', () => {
  expect(whyNotRenderable('<div>'.repeat(100_000), 'html')).toBe('nested too deeply to show safely (more than 4,000 levels)');
  expect(whyNotRenderable('<div>'.repeat(200) + 'x' + '</div>'.repeat(200), 'html')).toBeNull();
  expect(estimateNestingDepth('<blockquote>'.repeat(MAX_NESTING_DEPTH))).toBe(MAX_NESTING_DEPTH);
});

it('refuses bodies over the size caps', () => {
  expect(whyNotRenderable('x'.repeat(2_000_001), 'text')).toBe('too large to show safely (2.0 MB)');
  expect(whyNotRenderable('x'.repeat(2_000_000), 'html')).toBeNull();
});

it('scans a 2 MB body quickly', () => {
  const html = '<style>a{}</style><table><tr><td style="x">'.repeat(50_000);
  const started = performance.now();
  estimateNestingDepth(html);
  expect(performance.now() - started).toBeLessThan(1_000);
});
