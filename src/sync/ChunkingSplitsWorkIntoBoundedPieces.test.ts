import { describe, expect, it } from 'vitest';
import { chunk, metadataChunkSize, missingFrom } from './chunk.ts';

describe('chunking', () => {
  it('splits into pieces of at most the size, in order, losing nothing', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i);
    const pieces = chunk(items, 400);
    expect(pieces.map((p) => p.length)).toEqual([400, 400, 201]);
    expect(pieces.flat()).toEqual(items);
    expect(chunk([], 5)).toEqual([]);
  });

  it('refuses a size that would loop forever', () => {
    expect(() => chunk([1], 0)).toThrow(/positive integer/);
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
