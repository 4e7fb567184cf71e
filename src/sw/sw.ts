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
import { SHARE_PATH, keepShare } from './share.ts';

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

const db = openMailDb();
const host = new EngineHost({ db });

// Shared to the installed app (manifest share_target): kept as a draft here, offline too,
// then the app opens it (nobody signed in: after the sign-in, share.ts).
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === SHARE_PATH,
  async ({ request }) => {
    try {
      const draftId = await keepShare(db, await request.formData());
      return Response.redirect(new URL(`/?draft=${encodeURIComponent(draftId)}`, self.location.origin).href, 303);
    } catch (error) {
      // Plain text: nothing of what was shared is ever rendered as markup here.
      const why = error instanceof Error ? error.message : String(error);
      return new Response(`What you shared could not be kept on this device (${why}). Nothing was sent.`, {
        status: 500,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
  },
  'POST',
);

/**
 * A heartbeat keeps this worker alive a little longer than the page's heartbeat interval
 * (20 s), so the engine and its push stream live exactly as long as a page is open.
 */
const HEARTBEAT_GRACE_MS = 25_000;

/**
 * Waits this worker holds open: heartbeats' keep-alives and Background Sync flushes. The
 * person choosing an update ends them all: Chromium activates a new worker only once this
 * one has no event in progress, and with a page open a heartbeat always has one (measured:
 * "Update ready: reload" took 56 s to reload). A flush cut short this way rejects, so the
 * browser fires its sync event again, for the new worker.
 */
const holds = new Set<() => void>();
let updating = false;
function hold(event: ExtendableEvent, work: Promise<void> | null): void {
  if (updating) {
    if (work) event.waitUntil(Promise.reject(new Error('An update is taking over')));
    return;
  }
  event.waitUntil(
    new Promise<void>((resolve, reject) => {
      const release = () => {
        clearTimeout(timer);
        holds.delete(release);
        if (work) reject(new Error('An update is taking over'));
        else resolve();
      };
      const timer = work ? undefined : setTimeout(release, HEARTBEAT_GRACE_MS);
      holds.add(release);
      work?.then(resolve, reject).finally(() => {
        holds.delete(release);
      });
    }),
  );
}

/**
 * Chromium's Background Sync: the outbox flushes when the network is back, page open or
 * not. The event lasts as long as the flush: a rejection (something still waits) makes
 * the browser fire it again later; a fixed wait instead kept the worker, and a closing
 * browser, waiting 25 s after every change.
 */
self.addEventListener('sync', (event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (!e.tag?.startsWith('outbox:')) return;
  hold(e, host.flushed(e.tag.slice('outbox:'.length)));
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
      hold(event, null);
      return;
    case 'updating':
      // The new worker takes the engines over from the stored states (the locks go with this one).
      updating = true;
      for (const release of [...holds]) release();
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
