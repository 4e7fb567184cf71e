import { useQuery } from '@tanstack/react-query';
import { keptContactCards, readSetting, writeSetting } from '../../store/index.ts';
import { ask } from '../bridge/ask.ts';
import { mailDb } from '../data/db.ts';
import { queryRetry } from '../data/queryRetry.ts';
import type { Recipient } from './addresses.ts';

/**
 * The addresses of the account's address book (RFC 9610 ContactCards), for suggestions:
 * from the server when online, else the copy kept from last time; none when the account
 * lists no contacts capability (the host asks nothing then: Cyrus 3.6). Asked only once
 * the person is in a recipient field.
 */
export function useContactCards(accountId: string, enabled: boolean): readonly Recipient[] {
  const cards = useQuery({
    queryKey: ['contactCards', accountId],
    staleTime: 5 * 60_000,
    enabled,
    ...queryRetry(2),
    queryFn: async (): Promise<Recipient[]> => {
      try {
        const list = (await ask(accountId, 'contacts', {})).contacts ?? [];
        await writeSetting(mailDb(), keptContactCards(accountId), list);
        return list;
      } catch (error) {
        const kept = await readSetting(mailDb(), keptContactCards(accountId));
        if (kept) return kept;
        throw error;
      }
    },
  });
  return cards.data ?? NONE;
}

const NONE: readonly Recipient[] = [];
