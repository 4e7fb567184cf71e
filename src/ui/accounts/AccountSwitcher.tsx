import type { AccountRow } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { ADDING, ALL_INBOXES, chooseAccount } from './chosen.ts';

/**
 * Which account the page shows (each signed-in one, or All inboxes), and "Add another
 * account" (the sign-in form, the accounts kept). With one account only the button shows:
 * there is nothing to switch between.
 */
export function AccountSwitcher({ current }: { current: string }) {
  const accounts = useLiveQuery(async () => (await mailDb().accounts.toArray()).sort((a, b) => a.addedAt - b.addedAt), []);
  return (
    <>
      {accounts && accounts.length > 1 && (
        <select
          aria-label="Show account"
          className="account-switcher"
          value={current}
          onChange={(e) => chooseAccount(e.target.value)}
          // The phone's menu folds on any click inside it: not while the list is being opened.
          onClick={(e) => e.stopPropagation()}
        >
          <option value={ALL_INBOXES}>All inboxes</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {accountLabel(a)}
            </option>
          ))}
        </select>
      )}
      <button type="button" onClick={() => chooseAccount(ADDING)}>
        Add another account
      </button>
    </>
  );
}

/** The account's name and its server's host: two accounts can share a name. */
export function accountLabel(a: AccountRow): string {
  const host = URL.parse(a.sessionUrl)?.host;
  return host ? `${a.name} (${host})` : a.name;
}
