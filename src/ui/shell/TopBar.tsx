import { Suspense } from 'react';
import type { AccountRow } from '../../store/index.ts';
import { openCompose } from '../compose/store.ts';
import { AccountMenu, UpdatePrompt } from './parts.ts';

interface TopBarProps {
  account: AccountRow;
  painted: boolean;
  searchInput: string;
  onSearchInput(text: string): void;
  onHelp(): void;
  onSettings(): void;
}

/** The brand, Compose, the search field; the account's menu and the update prompt with the chrome. */
export function TopBar({ account, painted, searchInput, onSearchInput, onHelp, onSettings }: TopBarProps) {
  return (
    <header className="topbar">
      <h1 className="brand">Mail</h1>
      <button type="button" className="primary" onClick={() => openCompose({ mode: 'new' })}>
        Compose
      </button>
      <input
        id="search"
        type="search"
        placeholder="Search mail (from:, to:, has:attachment, is:unread, after:, before:, in:)"
        aria-label="Search mail"
        value={searchInput}
        onChange={(e) => onSearchInput(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            onSearchInput('');
            (e.target as HTMLInputElement).blur();
          }
        }}
      />
      {painted && (
        <Suspense fallback={null}>
          <AccountMenu.Lazy account={account} onHelp={onHelp} onSettings={onSettings} />
          <UpdatePrompt.Lazy />
        </Suspense>
      )}
    </header>
  );
}
