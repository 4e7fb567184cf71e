/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell so it boots with no network. The sync
 * engine and outbox flusher are hosted here (see src/sw/CONTEXT.md).
 */
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope;

// The first install controls the open page at once, so it works offline without a
// reload. An update activates only after the person chose it (SKIP_WAITING), so
// claiming never swaps versions under their feet.
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Every navigation gets the cached shell, except the JMAP paths the server answers.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/jmap/, /^\/\.well-known\//, /^\/__/],
  }),
);

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
