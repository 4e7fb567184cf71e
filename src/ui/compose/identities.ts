import { useQuery } from '@tanstack/react-query';
import type { Identity } from '../../jmap/index.ts';
import { identitiesReadAt, keptIdentities, readSetting, writeSetting } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { queryRetry } from '../data/queryRetry.ts';
import { ask } from '../bridge/ask.ts';

/**
 * The account's identities: from the server when online, else the copy kept from last time.
 * Through the host (bridge/ask.ts), which is capability-aware: an account whose session
 * lists no submission capability is not asked (Cyrus answers accountNotSupportedByMethod
 * there). A method error is an answer, not
 * a reason to ask again: only what the retry policy calls transient is asked twice more.
 */
export function useIdentities(accountId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['identities', accountId],
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
    ...queryRetry(2),
    queryFn: async (): Promise<Identity[]> => {
      try {
        // null: the account lists no submission capability, so the host asked nothing.
        const list = (await ask(accountId, 'identities', {})).identities;
        if (!list) return [];
        await writeSetting(mailDb(), keptIdentities(accountId), list);
        await writeSetting(mailDb(), identitiesReadAt(accountId), Date.now());
        return list;
      } catch (error) {
        const kept = await readSetting(mailDb(), keptIdentities(accountId));
        if (kept) return kept;
        throw error;
      }
    },
  });
}
