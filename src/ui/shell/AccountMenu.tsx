import { useState } from 'react';
import type { AccountRow } from '../../store/index.ts';
import { AccountSwitcher } from '../accounts/AccountSwitcher.tsx';
import { mailDb } from '../data/db.ts';
import { signOut, unsentCount } from '../data/signOut.ts';

interface AccountMenuProps {
  account: AccountRow;
  onHelp(): void;
  onSettings(): void;
}

/**
 * The account's menu: which account is shown (or All inboxes), add another account,
 * shortcuts, settings (theme and density are there), sign out of this account (the
 * others keep their mail, outbox and unsent files: store/forget.ts). On a phone it folds behind
 * Menu (CSS); on a desktop it is always shown. Comes with the chrome (chrome.ts).
 */
export function AccountMenu({ account, onHelp, onSettings }: AccountMenuProps) {
  const [showMenu, setShowMenu] = useState(false);
  const doSignOut = async () => {
    const db = mailDb();
    const unsent = await unsentCount(db, account.id);
    const warning = unsent
      ? `${unsent} change${unsent === 1 ? ' has' : 's have'} not reached the server yet and will be lost. Sign out anyway?`
      : 'Sign out and remove this account’s mail from this device?';
    if (confirm(warning)) await signOut(db, account.id);
  };
  return (
    <>
      <button
        type="button"
        className="menu-toggle"
        aria-expanded={showMenu}
        aria-controls="top-actions"
        onClick={() => setShowMenu((v) => !v)}
      >
        Menu
      </button>
      <div id="top-actions" className={showMenu ? 'top-actions open' : 'top-actions'} onClick={() => setShowMenu(false)}>
        <span className="account">{account.name}</span>
        <AccountSwitcher current={account.id} />
        <button type="button" onClick={onHelp}>
          Shortcuts
        </button>
        <button type="button" onClick={onSettings}>
          Settings
        </button>
        <button type="button" onClick={() => void doSignOut()}>
          Sign out
        </button>
      </div>
    </>
  );
}
