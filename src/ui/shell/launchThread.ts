/**
 * A conversation opened from outside the page: a notification's click opens
 * `/?thread=<threadId>` in a new window, or tells an open one `{ type: 'openThread' }`
 * (src/sw/push.ts). The address bar loses the parameter, so a reload does not open it again.
 */
export function launchedThread(location: Location = window.location, history: History = window.history): string | null {
  const params = new URLSearchParams(location.search);
  const threadId = params.get('thread');
  if (!threadId) return null;
  params.delete('thread');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return threadId;
}

/** Calls `open` whenever the worker says a notification for this account was clicked. */
export function onThreadOpened(accountId: string, open: (threadId: string) => void): () => void {
  const container = navigator.serviceWorker;
  if (!container) return () => {};
  const listener = (event: MessageEvent<unknown>) => {
    const d = event.data as { type?: unknown; accountId?: unknown; threadId?: unknown } | null;
    if (d?.type === 'openThread' && d.accountId === accountId && typeof d.threadId === 'string') open(d.threadId);
  };
  container.addEventListener('message', listener);
  return () => container.removeEventListener('message', listener);
}
