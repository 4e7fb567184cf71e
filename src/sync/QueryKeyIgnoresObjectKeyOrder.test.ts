import { describe, expect, it } from 'vitest';
import { mailboxThreadsQuery, queryKey } from './queryKey.ts';

describe('queryKey', () => {
  it('is the same for the same filter written with keys in another order', () => {
    const a = queryKey({
      filter: { inMailbox: 'm1', hasKeyword: '$flagged' },
      sort: [{ property: 'receivedAt', isAscending: false }],
      collapseThreads: true,
    });
    const b = queryKey({
      filter: { hasKeyword: '$flagged', inMailbox: 'm1' },
      sort: [{ isAscending: false, property: 'receivedAt' }],
      collapseThreads: true,
    });
    expect(a).toBe(b);
  });

  it('differs when collapseThreads, sort or filter differ', () => {
    const base = mailboxThreadsQuery('m1');
    const keys = new Set([
      queryKey(base),
      queryKey({ ...base, collapseThreads: false }),
      queryKey({ ...base, sort: [{ property: 'receivedAt', isAscending: true }] }),
      queryKey({ ...base, filter: { inMailbox: 'm2' } }),
      queryKey({ ...base, filter: null }),
    ]);
    expect(keys.size).toBe(5);
  });
});
