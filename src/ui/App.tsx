import { Suspense, lazy } from 'react';
import { ADDING, ALL_INBOXES, useChosenAccount } from './accounts/chosen.ts';
import { startRead } from './data/startRead.ts';
import { useLiveQuery } from './data/useLiveQuery.ts';
import { Shell } from './shell/Shell.tsx';
import './app.css';

// Signing in needs the JMAP client, All inboxes its own list; a signed-in start loads neither.
const OtherScreen = lazy(() => import('./accounts/OtherScreen.tsx'));

/**
 * Signed in: the chosen account's mail (the first unless the person chose another);
 * otherwise All inboxes, or the sign-in form (nobody signed in, or adding one more).
 */
export function App() {
  const accounts = useLiveQuery(
    (m) => m.mailDb().accounts.toArray(),
    [],
    () => startRead()?.accounts,
  );
  const chosen = useChosenAccount();
  if (accounts === undefined) return <p className="muted">Opening your mail…</p>;
  const account = chosen === ADDING || chosen === ALL_INBOXES ? undefined : (accounts.find((a) => a.id === chosen) ?? accounts[0]);
  if (account) return <Shell key={account.id} account={account} />;
  return (
    <Suspense fallback={<p className="muted">Opening your mail…</p>}>
      <OtherScreen accounts={accounts} all={chosen === ALL_INBOXES && accounts.length > 0} />
    </Suspense>
  );
}
