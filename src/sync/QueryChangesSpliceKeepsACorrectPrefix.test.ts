import { describe, expect, it } from 'vitest';
import { applyQueryChanges } from './querySplice.ts';

/** The server's list after applying changes to the FULL old list (the RFC's definition). */
function full(old: string[], removed: string[], added: { id: string; index: number }[]): string[] {
  const next = old.filter((id) => !removed.includes(id));
  for (const a of [...added].sort((x, y) => x.index - y.index)) next.splice(a.index, 0, a.id);
  return next;
}

describe('applyQueryChanges', () => {
  it('removes, then inserts by ascending index', () => {
    expect(
      applyQueryChanges(
        ['a', 'b', 'c', 'd'],
        ['b'],
        [
          { id: 'x', index: 0 },
          { id: 'y', index: 2 },
        ],
      ),
    ).toEqual(['x', 'a', 'y', 'c', 'd']);
  });

  it('treats an id both removed and added as a move (Cyrus with collapseThreads)', () => {
    expect(applyQueryChanges(['a', 'b', 'c'], ['c'], [{ id: 'c', index: 0 }])).toEqual(['c', 'a', 'b']);
  });

  it('never duplicates an id that is added without being reported removed', () => {
    expect(applyQueryChanges(['a', 'b', 'c'], [], [{ id: 'c', index: 0 }])).toEqual(['c', 'a', 'b']);
  });

  it('applies added items in index order even when the server lists them out of order', () => {
    expect(
      applyQueryChanges(
        ['a'],
        [],
        [
          { id: 'z', index: 2 },
          { id: 'y', index: 1 },
          { id: 'x', index: 0 },
        ],
      ),
    ).toEqual(['x', 'y', 'z', 'a']);
  });

  it('ignores removals of ids it never cached and drops insertions beyond the cached prefix', () => {
    expect(applyQueryChanges(['a', 'b'], ['zz'], [{ id: 'q', index: 5 }])).toEqual(['a', 'b']);
  });

  it('always yields a prefix of what the full list becomes (exhaustive over small cases)', () => {
    const universe = ['a', 'b', 'c', 'd', 'e', 'f'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 2000; round++) {
      const old = universe.filter(() => rnd() < 0.7);
      const removed = old.filter(() => rnd() < 0.3);
      const kept = old.filter((id) => !removed.includes(id));
      const fresh = ['n1', 'n2', 'n3'].filter(() => rnd() < 0.5);
      // A moved id is removed and re-added; new ids are added. Build the new full list
      // first, then derive `added` with final indexes as a server does.
      const moved = removed.filter(() => rnd() < 0.5);
      const target = [...kept];
      for (const id of [...moved, ...fresh]) target.splice(Math.floor(rnd() * (target.length + 1)), 0, id);
      const added = target.map((id, index) => ({ id, index })).filter(({ id }) => moved.includes(id) || fresh.includes(id));
      expect(full(old, removed, added)).toEqual(target);
      const prefixLength = Math.floor(rnd() * (old.length + 1));
      const got = applyQueryChanges(old.slice(0, prefixLength), removed, added);
      expect(target.slice(0, got.length)).toEqual(got);
    }
  });
});
