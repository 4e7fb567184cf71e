/**
 * Signing in: the page's one JMAP client, for a new account only (reads of what is not
 * mirrored go through the host, bridge/ask.ts; writes are outbox intents). It discovers the JMAP
 * session (a server URL or an email address), checks the password by connecting, and
 * stores the account and its sign-in for the service worker. Signing out: signOut.ts.
 * Loaded after the list (it brings the JMAP client): sign-in, compose, search, settings
 * and the conversation view import it, the start path does not.
 */
import {
  AuthError,
  NetworkError,
  NotJmapError,
  TimeoutError,
  connect,
  reachedThroughHere,
  type Auth,
  type JmapClient,
} from '../../jmap/index.ts';
import { keepSignIn, type AccountRow, type MailDb } from '../../store/index.ts';

export interface SignInForm {
  server: string;
  username: string;
  secret: string;
  kind: 'basic' | 'bearer';
}

/** An email address means "the server at its domain"; anything else is a URL. */
export function serverUrlFrom(input: string, pageOrigin: string): string {
  const value = input.trim();
  if (!value) return pageOrigin;
  if (/^[^@\s/]+@[^@\s/]+$/.test(value)) return `https://${value.split('@')[1]}`;
  if (!/^https?:\/\//i.test(value)) return `https://${value}`;
  return value;
}

/** What went wrong, in words a person can act on. */
export function signInErrorText(error: unknown, url: string, pageOrigin: string): string {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return `“${url}” is not a web address.`;
  }
  if (error instanceof AuthError) return 'Wrong username or password.';
  if (error instanceof NotJmapError) return `The server at ${host} is not a JMAP mail server.`;
  if (error instanceof TimeoutError) return `The server at ${host} did not answer in time. Try again later.`;
  if (error instanceof NetworkError) {
    // fetch cannot tell a CORS refusal from a dead server; only another origin can be refused.
    if (new URL(url).origin !== pageOrigin) {
      return `Could not reach ${host}, or it does not allow this site to use it (CORS). Open the app on your mail server's own address, or start it with --upstream ${new URL(url).origin}.`;
    }
    return `Can't reach the mail server at ${host}. Check your connection and the address.`;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function signIn(db: MailDb, form: SignInForm, pageOrigin: string): Promise<{ account: AccountRow; client: JmapClient }> {
  const url = serverUrlFrom(form.server, pageOrigin);
  const auth: Auth =
    form.kind === 'bearer'
      ? { kind: 'bearer', token: form.secret }
      : { kind: 'basic', username: form.username.trim(), password: form.secret };
  let client: JmapClient;
  try {
    client = await connect({ url, auth, rewriteUrlsToOrigin: reachedThroughHere(url, pageOrigin), timeoutMs: 20_000 });
  } catch (error) {
    throw new Error(signInErrorText(error, url, pageOrigin), { cause: error });
  }
  // The mirror keys every row by the JMAP accountId: a second server that happens to
  // give the same id cannot be kept beside the first (signing in again to the same one can).
  const same = await db.accounts.get(client.accountId);
  if (same && same.sessionUrl !== client.sessionUrl) {
    throw new Error(
      `This device is already signed in to an account with the same id (${same.name}) on another server. Sign out of it first to use this one.`,
    );
  }
  const account: AccountRow = {
    id: client.accountId,
    sessionUrl: client.sessionUrl,
    username: client.username,
    name: client.session.accounts[client.accountId]?.name ?? client.username,
    addedAt: Date.now(),
  };
  await keepSignIn(db, account, { accountId: account.id, url, auth });
  return { account, client };
}
