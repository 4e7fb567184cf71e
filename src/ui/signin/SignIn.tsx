import { useEffect, useState, type FormEvent } from 'react';
import { registerServiceWorker } from '../bridge/registerServiceWorker.ts';
import { chooseAccount } from '../accounts/chosen.ts';
import { mailDb } from '../data/db.ts';
import { signIn } from '../data/session.ts';

/**
 * Sign in: a server URL or an email address, then a password (Basic) or a token (Bearer).
 * `adding`: one more account beside those signed in already (their mail stays); it is
 * shown once signed in, and Cancel goes back to the mail.
 */
export function SignIn({ adding = false }: { adding?: boolean }) {
  // The first visit: the worker installs (and precaches the app) while the person signs in.
  useEffect(() => {
    void registerServiceWorker().catch((e: unknown) => console.warn('The service worker could not be registered', e));
  }, []);
  const [server, setServer] = useState('');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [kind, setKind] = useState<'basic' | 'bearer'>('basic');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { account } = await signIn(
        mailDb(),
        { server, username: username || server.split('@')[0] || '', secret, kind },
        location.origin,
      );
      chooseAccount(account.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form onSubmit={submit} aria-labelledby="signin-title" className="signin-card">
        <h1 id="signin-title">{adding ? 'Add another account' : 'Sign in to your mail'}</h1>
        <label>
          Server or email address
          <input
            name="server"
            value={server}
            onChange={(e) => setServer(e.target.value)}
            placeholder={`${location.host} (this server)`}
            autoComplete="url"
          />
        </label>
        <fieldset className="signin-kind">
          <legend>Sign in with</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'basic'} onChange={() => setKind('basic')} /> Username and password
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'bearer'} onChange={() => setKind('bearer')} /> Access token
          </label>
        </fieldset>
        {kind === 'basic' && (
          <label>
            Username
            <input
              name="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              required={!server.includes('@')}
            />
          </label>
        )}
        <label>
          {kind === 'basic' ? 'Password' : 'Token'}
          <input
            name="secret"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete={kind === 'basic' ? 'current-password' : 'off'}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {adding && (
          <button type="button" onClick={() => chooseAccount(null)}>
            Cancel
          </button>
        )}
      </form>
    </main>
  );
}
