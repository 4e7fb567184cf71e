import { describe, expect, it } from 'vitest';
import type { ChangesResponse } from '../jmap/index.ts';
import { judgeChanges } from './changes.ts';

function answer(oldState: string, newState: string, hasMoreChanges: boolean): { response: ChangesResponse } {
  return { response: { accountId: 'a', oldState, newState, hasMoreChanges, created: [], updated: [], destroyed: [] } };
}

describe('judgeChanges', () => {
  it('is done when the server has no more changes', () => {
    expect(judgeChanges('1', answer('1', '5', false))).toEqual({ kind: 'done', newState: '5' });
    // Nothing changed at all is also done (state may stay the same).
    expect(judgeChanges('5', answer('5', '5', false))).toEqual({ kind: 'done', newState: '5' });
  });

  it('loops from the new state while hasMoreChanges advances the state', () => {
    expect(judgeChanges('1', answer('1', '3', true))).toEqual({ kind: 'more', newState: '3' });
  });

  it('refetches instead of looping forever when hasMoreChanges does not advance the state (James)', () => {
    expect(judgeChanges('7', answer('7', '7', true)).kind).toBe('refetch');
  });

  it('refetches on cannotCalculateChanges and tooManyChanges, and refuses to swallow other errors', () => {
    expect(judgeChanges('1', { errorType: 'cannotCalculateChanges' }).kind).toBe('refetch');
    expect(judgeChanges('1', { errorType: 'tooManyChanges' }).kind).toBe('refetch');
    expect(() => judgeChanges('1', { errorType: 'serverFail' })).toThrow(/not a refetch error/);
  });

  it('refetches when the server calls the state itself invalid (Cyrus: a state it never issued), not other bad arguments', () => {
    expect(judgeChanges('x', { errorType: 'invalidArguments', details: { arguments: ['sinceState'] } }).kind).toBe('refetch');
    expect(() => judgeChanges('x', { errorType: 'invalidArguments', details: { arguments: ['maxChanges'] } })).toThrow();
  });
});
