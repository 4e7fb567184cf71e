/**
 * What a person is told when the page could not write what they did (an intent, a draft)
 * into this device's database: IndexedDB's QuotaExceededError (however Dexie wraps it) or
 * any other write error. Nothing was changed, and it says so: never words that it worked.
 */
import { isQuotaError } from '../../sync/status.ts';

export function failedWriteWords(error: unknown, what = 'what you did'): string {
  if (isQuotaError(error))
    return `Nothing was changed: this device has no storage space left to keep ${what}. Free some space and try again.`;
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `Nothing was changed: this device could not keep ${what}${reason}. Try again.`;
}
