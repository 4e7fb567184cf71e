/**
 * TanStack Query's `retry` and `retryDelay` from src/jmap's one retry policy (work
 * 'uiFetch'): a fetch is tried again only when the policy gives it a delay (the network,
 * a timeout, a busy server, whose Retry-After wins, a stale session). A method error, a
 * refused sign-in or a bad answer is an answer, not a reason to ask again. A request the
 * host answered (bridge/ask.ts) carries the policy's verdict, made where the error was.
 */
import { retryPolicy, type RetryPolicy } from '../../jmap/index.ts';
import { HostRequestError } from '../bridge/ask.ts';

function delayOf(policy: RetryPolicy, error: Error, failures: number): number | null {
  if (error instanceof HostRequestError) return error.transient ? (error.retryAfterMs ?? policy.backoff(failures)) : null;
  return policy.delay(error, failures, 'uiFetch');
}

export function queryRetry(times: number, policy = retryPolicy) {
  return {
    retry: (failures: number, error: Error) => failures < times && delayOf(policy, error, failures) !== null,
    retryDelay: (failures: number, error: Error) => delayOf(policy, error, failures) ?? 0,
  };
}
