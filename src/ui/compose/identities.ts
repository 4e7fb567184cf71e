import { useQuery } from '@tanstack/react-query';
import { CAPABILITY, type Identity } from '../../jmap/index.ts';
import { keptIdentities, readSetting, writeSetting } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { queryRetry } from '../data/queryRetry.ts';
import { clientFor } from '../data/session.ts';

/**
 * The account's identities: from the server when online, else the copy kept from last time.
 * Capability-aware: an account whose session lists no submission capability is not asked
 * (Cyrus answers accountNotSupportedByMethod there), and a method error is an answer, not
 * a reason to ask again: only what the retry policy calls transient is asked twice more.
 */
export function useIdentities(accountId: string) {
  return useQuery({
    queryKey: ['identities', accountId],
    staleTime: 5 * 60_000,
    ...queryRetry(2),
    queryFn: async (): Promise<Identity[]> => {
      try {
        const client = await clientFor(mailDb(), accountId);
        if (client.accountCapability(CAPABILITY.submission, accountId) === undefined) return [];
        const list = (await client.call('Identity/get', { accountId, ids: null })).list;
        await writeSetting(mailDb(), keptIdentities(accountId), list);
        return list;
      } catch (error) {
        const kept = await readSetting(mailDb(), keptIdentities(accountId));
        if (kept) return kept;
        throw error;
      }
    },
  });
}
