import type { AccountRow } from '../../store/index.ts';
import { SignIn } from '../signin/SignIn.tsx';
import AllInboxes from './AllInboxes.tsx';

/**
 * What App shows when it is not one account's mail: All inboxes, or the sign-in form (the
 * first account, or one more beside the others). One lazy module, so the start path holds
 * one loader for both.
 */
export default function OtherScreen({ accounts, all }: { accounts: readonly AccountRow[]; all: boolean }) {
  return all ? <AllInboxes accounts={accounts} /> : <SignIn adding={accounts.length > 0} />;
}
