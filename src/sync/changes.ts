/**
 * The /changes state machine for one data type, pure so it can be tested without a
 * server. After each round the engine asks judgeChanges what the answer means.
 */
import type { ChangesResponse } from '../jmap/index.ts';

export type ChangesVerdict =
  /** Apply, store newState; nothing more to fetch for this type. */
  | { kind: 'done'; newState: string }
  /** Apply, store newState, and ask again from it (hasMoreChanges). */
  | { kind: 'more'; newState: string }
  /** The stored state is useless: fetch everything of this type again. `reason` is words. */
  | { kind: 'refetch'; reason: string };

/** Method errors that mean "your state is too old for me": refetch, do not retry. */
export const REFETCH_ERRORS = new Set(['cannotCalculateChanges', 'tooManyChanges']);

export function judgeChanges(sinceState: string, answer: { response: ChangesResponse } | { errorType: string }): ChangesVerdict {
  if ('errorType' in answer) {
    if (REFETCH_ERRORS.has(answer.errorType)) {
      return { kind: 'refetch', reason: `the server can no longer list changes since state ${sinceState} (${answer.errorType})` };
    }
    throw new Error(`judgeChanges: ${answer.errorType} is not a refetch error; the caller must raise it`);
  }
  const r = answer.response;
  if (r.hasMoreChanges) {
    // Apache James can answer hasMoreChanges forever without advancing: looping on it would
    // never end, so treat it as a state the server cannot move on from.
    if (r.newState === sinceState) return { kind: 'refetch', reason: `the server reports more changes but its state stays at ${sinceState}` };
    return { kind: 'more', newState: r.newState };
  }
  return { kind: 'done', newState: r.newState };
}
