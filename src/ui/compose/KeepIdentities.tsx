import { useIdentities } from './identities.ts';

/**
 * Fetches the account's identities while online and keeps them on the device, so mail
 * written offline has a sender. Mounted by the shell once it is idle after the first rows.
 */
export default function KeepIdentities({ accountId }: { accountId: string }) {
  useIdentities(accountId);
  return null;
}
