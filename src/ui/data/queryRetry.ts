/**
 * TanStack Query's `retry` and `retryDelay` from src/jmap's one retry policy (work
 * 'uiFetch'): a fetch is tried again only when the policy gives it a delay (the network,
 * a timeout, a busy server, whose Retry-After wins, a stale session). A method error, a
 * refused sign-in or a bad answer is an answer, not a reason to ask again.
 */
import { retryPolicy } from '../../jmap/index.ts';

export function queryRetry(times: number, policy = retryPolicy) {
  return {
    retry: (failures: number, error: Error) => failures < times && policy.delay(error, failures, 'uiFetch') !== null,
    retryDelay: (failures: number, error: Error) => policy.delay(error, failures, 'uiFetch') ?? 0,
  };
}
