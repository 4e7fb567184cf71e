import type { AccountRow } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { listDate } from '../threads/format.ts';
import { AccountSwitcher } from './AccountSwitcher.tsx';
import { allInboxLines, type AccountLine } from './allInboxLines.ts';
import { openInAccount } from '../shell/launchThread.ts';
import { ALL_INBOXES } from './chosen.ts';
import './allInboxes.css';

/**
 * Every signed-in account's Inbox in one list, each line saying its account. Opening a
 * line shows that account with the conversation open (through /?thread=&account=,
 * as a notification's click does: shell/launchThread.ts). Loaded lazily (App).
 */
export default function AllInboxes({ accounts }: { accounts: readonly AccountRow[] }) {
  const lines = useLiveQuery(() => allInboxLines(mailDb(), accounts), [accounts]);
  const open = (l: AccountLine) => openInAccount(l.accountId, l.threadId);
  return (
    <div className="app listing all-inboxes">
      <header className="topbar">
        <h1 className="brand">Mail</h1>
        <AccountSwitcher current={ALL_INBOXES} />
      </header>
      <main className="list-pane" aria-label="All inboxes conversations">
        <h2 className="pane-title">All inboxes</h2>
        {lines === undefined ? (
          <p className="muted">Opening your mail…</p>
        ) : lines.length === 0 ? (
          <p className="muted">No mail in any Inbox. New mail of every account shows here.</p>
        ) : (
          <ul className="all-inboxes-list" aria-label="All inboxes">
            {lines.map((l) => (
              <li key={`${l.accountId}:${l.threadId}`} className={l.unread ? 'unread' : undefined}>
                <button type="button" onClick={() => open(l)}>
                  <span className="account-tag" title={l.accountName}>
                    {l.accountName}
                  </span>
                  <span className="senders">{l.senders}</span>
                  <span className="subject">{l.subject}</span>
                  <span className="date">{listDate(l.receivedMs)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
