/**
 * This page's own engine host, for when no service worker is active (first visit before
 * it installs, the dev server, some private modes): one per page, created on first use.
 * The host's code is loaded then, not with the page (most pages never need it).
 */
import type { EngineHost } from '../../host/index.ts';
import type { MailDb } from '../../store/index.ts';

let host: Promise<EngineHost> | null = null;

export function pageHost(db: MailDb): Promise<EngineHost> {
  host ??= import('../../host/index.ts').then(({ EngineHost }) => new EngineHost({ db }));
  return host;
}
