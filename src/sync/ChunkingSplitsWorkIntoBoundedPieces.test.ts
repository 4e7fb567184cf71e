import { describe, expect, it } from 'vitest';
import { chunk } from '../jmap/index.ts';
import { metadataChunkSize, missingFrom } from './chunk.ts';

describe('chunking', () => {
  it('splits into pieces of at most the size, in order, losing nothing', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const pieces = chunk(items, 400);
    expect(pieces.map((p) => p.length)).toEqual([400, 400, 201]);
    expect(pieces.flat()).toEqual(items);
    expect(chunk([], 5)).toEqual([]);
  });

  it('never loops forever on a size below one: pieces of one', () => {
    expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
    expect(chunk([1, 2], 0.5)).toEqual([[1], [2]]);
  });

  it('never asks the server for more objects than maxObjectsInGet', () => {
    expect(metadataChunkSize(4096)).toBe(400);
    expect(metadataChunkSize(256)).toBe(256);
    expect(metadataChunkSize(5, 400)).toBe(5);
  });

  it('lists what one set lacks', () => {
    expect(missingFrom(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
  });
});
