/**
 * Plain-text bodies as blocks: runs of ordinary lines, and quoted runs ("> ...")
 * nested by depth. The UI renders these as React text (never as HTML), so escaping is
 * React's job and cannot be forgotten. Pure, no DOM.
 */
import { linkify, type TextSegment } from './linkify.ts';

export type TextBlock = { kind: 'text'; segments: TextSegment[] } | { kind: 'quote'; blocks: TextBlock[]; lines: number; folded: boolean };

/** Quote markers: ">" optionally followed by one space, repeated (">> ", "> > "). */
function quoteDepth(line: string): number {
  let depth = 0;
  let i = 0;
  while (i < line.length && line[i] === '>') {
    depth++;
    i++;
    if (line[i] === ' ') i++;
  }
  return depth;
}

function stripOneLevel(line: string): string {
  if (!line.startsWith('>')) return line;
  return line[1] === ' ' ? line.slice(2) : line.slice(1);
}

function build(lines: readonly string[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const quoted = quoteDepth(lines[i] ?? '') > 0;
    while (i < lines.length && quoteDepth(lines[i] ?? '') > 0 === quoted) i++;
    const run = lines.slice(start, i);
    if (quoted) {
      blocks.push({ kind: 'quote', blocks: build(run.map(stripOneLevel)), lines: run.length, folded: false });
    } else {
      blocks.push({ kind: 'text', segments: linkify(run.join('\n')) });
    }
  }
  return blocks;
}

function hasVisibleText(block: TextBlock): boolean {
  return block.kind === 'text' && block.segments.some((s) => s.text.trim() !== '');
}

/**
 * Parses a body. Top-level quotes are marked `folded` (shown collapsed behind a
 * toggle), unless the whole message is a quote: then nothing would be left to read.
 */
export function parsePlainText(text: string): TextBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks = build(lines);
  const anyOwnText = blocks.some(hasVisibleText);
  if (anyOwnText) {
    for (const block of blocks) if (block.kind === 'quote') block.folded = true;
  }
  return blocks;
}
