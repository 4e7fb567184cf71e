/**
 * The app opened as the system's mail handler: the manifest's protocol handler (and
 * navigator.registerProtocolHandler) open `/?mailto=<the mailto: URL>`. The signed-in
 * shell calls this once: a new message opens prefilled, and the address bar loses the
 * parameter, so a reload or a bookmark does not open it again.
 */
import { openCompose } from './store.ts';

const MAILTO_PARAM = 'mailto';

export function openLaunchedMailto(location: Location = window.location, history: History = window.history): void {
  const params = new URLSearchParams(location.search);
  const href = params.get(MAILTO_PARAM);
  if (!href) return;
  params.delete(MAILTO_PARAM);
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  if (/^mailto:/i.test(href)) openCompose({ mode: 'new', mailto: href });
}
