import { expect, it } from 'vitest';
import { parsePlainText, type TextBlock } from './plainText.ts';

const text = (block: TextBlock | undefined) => (block?.kind === 'text' ? block.segments.map((s) => s.text).join('') : null);

it('splits a reply into own text and a folded, nested quote', () => {
  const blocks = parsePlainText('Sounds good.\r\n\r\nOn Monday, Ann wrote:\r\n> Lunch?\r\n> > Earlier\r\n>> Even earlier\r\n\r\nBye');
  expect(blocks.map((b) => b.kind)).toEqual(['text', 'quote', 'text']);
  expect(text(blocks[0])).toBe('Sounds good.\n\nOn Monday, Ann wrote:');
  const quote = blocks[1];
  if (quote?.kind !== 'quote') throw new Error('expected a quote block');
  expect(quote.folded).toBe(true);
  expect(quote.lines).toBe(3);
  expect(quote.blocks.map((b) => b.kind)).toEqual(['text', 'quote']);
  expect(text(quote.blocks[0])).toBe('Lunch?');
  const inner = quote.blocks[1];
  if (inner?.kind !== 'quote') throw new Error('expected a nested quote');
  expect(text(inner.blocks[0])).toBe('Earlier\nEven earlier');
  expect(text(blocks[2])).toBe('\nBye');
});

it('leaves a message that is nothing but a quote open', () => {
  const blocks = parsePlainText('> forwarded\n> text\n');
  expect(blocks[0]).toMatchObject({ kind: 'quote', folded: false });
});

it('keeps markup as text and links inside quotes', () => {
  const blocks = parsePlainText('Hi\n> <script>top.__xss(1)</script> https://example.com');
  const quote = blocks[1];
  if (quote?.kind !== 'quote' || quote.blocks[0]?.kind !== 'text') throw new Error('expected quoted text');
  expect(quote.blocks[0].segments).toEqual([
    { kind: 'text', text: '<script>top.__xss(1)</script> ' },
    { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
  ]);
});
