import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { mailDb } from './data/db.ts';
import { useLiveQuery } from './data/useLiveQuery.ts';
import { Shell } from './shell/Shell.tsx';
import { SignIn } from './signin/SignIn.tsx';
import './app.css';

const queries = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

/** Signed in: the mail; otherwise the sign-in form. Everything else reads the local mirror. */
export function App() {
  const accounts = useLiveQuery(() => mailDb().accounts.toArray(), []);
  if (accounts === undefined) return <p className="muted">Opening your mail…</p>;
  const account = accounts[0];
  return <QueryClientProvider client={queries}>{account ? <Shell key={account.id} account={account} /> : <SignIn />}</QueryClientProvider>;
}
