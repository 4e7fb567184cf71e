/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell so it boots with no network, and hosts the
 * sync engine (src/host) so one engine per origin keeps the mirror current for every tab.
 * See src/sw/CONTEXT.md.
 */
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { ACCEPTED, EngineHost, isHostAsk, parsePageMessage, transferables } from '../host/index.ts';
import { openMailDb } from '../store/index.ts';

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

const host = new EngineHost({ db: openMailDb() });

/**
 * A heartbeat keeps this worker alive a little longer than the page's heartbeat interval
 * (20 s), so the engine and its push stream live exactly as long as a page is open.
 */
const HEARTBEAT_GRACE_MS = 25_000;

/**
 * Chromium's Background Sync: the outbox flushes when the network is back, page open or
 * not. The event lasts as long as the flush: a rejection (something still waits) makes
 * the browser fire it again later; a fixed wait instead kept the worker, and a closing
 * browser, waiting 25 s after every change.
 */
self.addEventListener('sync', (event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (!e.tag?.startsWith('outbox:')) return;
  e.waitUntil(host.flushed(e.tag.slice('outbox:'.length)));
});

self.addEventListener('message', (event) => {
  // A page's request for what the mirror does not hold (src/host/requests.ts): checked
  // and answered with the account's one client, the answer (a blob's bytes transferred)
  // through the port. "accepted" first: a page waits longer once it knows a worker took it.
  if (isHostAsk(event.data)) {
    const port = event.ports[0];
    if (!port) return;
    port.postMessage(ACCEPTED);
    event.waitUntil(host.answer(event.data).then((answer) => port.postMessage(answer, transferables(answer))));
    return;
  }
  const message = parsePageMessage(event.data);
  if (!message) return;
  const reply = (accountId: string) => event.ports[0]?.postMessage(host.reply(accountId));
  switch (message.type) {
    case 'SKIP_WAITING':
      void self.skipWaiting();
      return;
    case 'heartbeat':
      host.ensure(message.accountId);
      reply(message.accountId);
      event.waitUntil(new Promise((resolve) => setTimeout(resolve, HEARTBEAT_GRACE_MS)));
      return;
    case 'syncNow':
      event.waitUntil(host.syncNow(message.accountId).finally(() => reply(message.accountId)));
      return;
    case 'flush':
      host.flush(message.accountId);
      reply(message.accountId);
      return;
    case 'signOut':
      event.waitUntil(host.stop(message.accountId).finally(() => reply(message.accountId)));
      return;
    case 'status':
      reply(message.accountId);
      return;
  }
});
