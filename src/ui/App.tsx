import { Suspense, lazy } from 'react';
import { startRead } from './data/startRead.ts';
import { useLiveQuery } from './data/useLiveQuery.ts';
import { Shell } from './shell/Shell.tsx';
import './app.css';

// Signing in needs the JMAP client; a signed-in start does not load it.
const SignIn = lazy(() => import('./signin/SignIn.tsx').then((m) => ({ default: m.SignIn })));

/** Signed in: the mail; otherwise the sign-in form. Everything else reads the local mirror. */
export function App() {
  const accounts = useLiveQuery(
    (m) => m.mailDb().accounts.toArray(),
    [],
    () => startRead()?.accounts,
  );
  if (accounts === undefined) return <p className="muted">Opening your mail…</p>;
  const account = accounts[0];
  if (account) return <Shell key={account.id} account={account} />;
  return (
    <Suspense fallback={<p className="muted">Opening your mail…</p>}>
      <SignIn />
    </Suspense>
  );
}
