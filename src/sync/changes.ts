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

/**
 * True when a /changes or /queryChanges error says the stored state is useless here:
 * cannotCalculateChanges / tooManyChanges, or invalidArguments naming the state (Cyrus
 * 3.6 answers that for a state string it never issued, e.g. after the account moved to
 * another server; retrying the same state would fail forever).
 */
export function stateIsUseless(errorType: string, details: Record<string, unknown> = {}): boolean {
  if (REFETCH_ERRORS.has(errorType)) return true;
  if (errorType !== 'invalidArguments') return false;
  const args = details.arguments;
  return Array.isArray(args) && args.some((a) => a === 'sinceState' || a === 'sinceQueryState');
}

export function judgeChanges(
  sinceState: string,
  answer: { response: ChangesResponse } | { errorType: string; details?: Record<string, unknown> },
): ChangesVerdict {
  if ('errorType' in answer) {
    if (stateIsUseless(answer.errorType, answer.details)) {
      return { kind: 'refetch', reason: `the server can no longer list changes since state ${sinceState} (${answer.errorType})` };
    }
    throw new Error(`judgeChanges: ${answer.errorType} is not a refetch error; the caller must raise it`);
  }
  const r = answer.response;
  if (r.hasMoreChanges) {
    // Apache James can answer hasMoreChanges forever without advancing: looping on it would
    // never end, so treat it as a state the server cannot move on from.
    if (r.newState === sinceState)
      return { kind: 'refetch', reason: `the server reports more changes but its state stays at ${sinceState}` };
    return { kind: 'more', newState: r.newState };
  }
  return { kind: 'done', newState: r.newState };
}
