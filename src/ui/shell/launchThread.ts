/**
 * A conversation opened from outside the page: a notification's click opens
 * `/?thread=<threadId>&account=<accountId>` in a new window, or tells an open one
 * `{ type: 'openThread' }` (src/sw/push.ts); All inboxes opens a line the same way. The
 * address bar loses the parameters once the account they name is shown, so a reload does
 * not open it again. An account other than the shown one is chosen first (its shell then
 * reads the same parameters).
 */
import { chooseAccount } from '../accounts/chosen.ts';

export function launchedThread(accountId: string, location: Location = window.location, history: History = window.history): string | null {
  const params = new URLSearchParams(location.search);
  const threadId = params.get('thread');
  if (!threadId) return null;
  const account = params.get('account');
  if (account && account !== accountId) {
    chooseAccount(account);
    return null;
  }
  params.delete('thread');
  params.delete('account');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return threadId;
}

/** Shows the account with the conversation open (its shell reads the address: launchedThread). */
export function openInAccount(
  accountId: string,
  threadId: string,
  location: Location = window.location,
  history: History = window.history,
): void {
  const params = new URLSearchParams(location.search);
  params.set('thread', threadId);
  params.set('account', accountId);
  history.replaceState(history.state, '', `${location.pathname}?${params.toString()}${location.hash}`);
  chooseAccount(accountId);
}

/**
 * Calls `open` whenever the worker says a notification for this account was clicked; one
 * of another signed-in account shows that account with the conversation open.
 */
export function onThreadOpened(accountId: string, open: (threadId: string) => void): () => void {
  const container = navigator.serviceWorker;
  if (!container) return () => {};
  const listener = (event: MessageEvent<unknown>) => {
    const d = event.data as { type?: unknown; accountId?: unknown; threadId?: unknown } | null;
    if (d?.type !== 'openThread' || typeof d.threadId !== 'string' || typeof d.accountId !== 'string') return;
    if (d.accountId === accountId) open(d.threadId);
    else openInAccount(d.accountId, d.threadId);
  };
  container.addEventListener('message', listener);
  return () => container.removeEventListener('message', listener);
}
