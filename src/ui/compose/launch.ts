/**
 * The app opened to write a message, by the system:
 * - as the mail handler: the manifest's protocol handler (and registerProtocolHandler)
 *   open `/?mailto=<the mailto: URL>`: a new message, prefilled (mailto.ts);
 * - as a share target: the worker kept what was shared as a draft (src/sw/share.ts) and
 *   redirects to `/?draft=<id>`: that draft opens.
 * The signed-in shell calls this once. The address bar loses the parameter, so a reload
 * or a bookmark does not open it again.
 */
import { openCompose } from './store.ts';

export function openLaunchedCompose(location: Location = window.location, history: History = window.history): void {
  const params = new URLSearchParams(location.search);
  const mailto = params.get('mailto');
  const draftId = params.get('draft');
  if (mailto === null && draftId === null) return;
  params.delete('mailto');
  params.delete('draft');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  if (draftId) openCompose({ mode: 'new', draftId });
  else if (mailto && /^mailto:/i.test(mailto)) openCompose({ mode: 'new', mailto });
}
