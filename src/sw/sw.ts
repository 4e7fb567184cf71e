/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell so it boots with no network, and hosts the
 * sync engine (src/host) so one engine per origin keeps the mirror current for every tab.
 * See src/sw/CONTEXT.md.
 */
import { precacheAndRoute, cleanupOutdatedCaches, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import {
  ACCEPTED,
  EngineHost,
  destroyPushSubscription,
  ensurePushSubscription,
  isHostAsk,
  parsePageMessage,
  transferables,
  keptPushAccounts,
  markNotifiedOnce,
  updateAppBadge,
} from '../host/index.ts';
import { openMailDb } from '../store/index.ts';
import { onPeriodicSync } from './periodic.ts';
import { onNotificationClick, onPush } from './push.ts';
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
// The badge follows every sync cycle (src/host/notifications.ts: Inbox unread emails).
const host = new EngineHost({ db, onEvent: (_accountId, event) => void (event.type === 'cycle' && updateAppBadge(db)) });

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

// JMAP Web Push (src/sw/push.ts): a verification answered, or one sync cycle and what is
// new in the Inbox shown, all under the push event (the browser keeps the worker for it).
self.addEventListener('push', (event) => {
  let payload: unknown;
  try {
    payload = event.data?.json();
  } catch {
    return;
  }
  event.waitUntil(onPush({ db, host, registration: self.registration }, payload).finally(() => renewPush()));
});

// Periodic Background Sync (an installed app; src/sw/periodic.ts): mail kept current and
// the outbox sent while no page is open.
self.addEventListener('periodicsync', (event) => {
  const e = event as ExtendableEvent & { tag?: string };
  e.waitUntil(onPeriodicSync({ db, host, registration: self.registration }, e.tag ?? ''));
});

/**
 * Keeps each account's JMAP subscription for the browser's current one: renewed a day
 * before it lapses (checked on every push), made again when the browser changed its
 * subscription (pushsubscriptionchange).
 */
async function renewPush(): Promise<void> {
  const sub = (await self.registration.pushManager?.getSubscription())?.toJSON();
  if (!sub?.endpoint || !sub.keys?.p256dh || !sub.keys.auth) return;
  const browser = { endpoint: sub.endpoint, keys: { p256dh: sub.keys.p256dh, auth: sub.keys.auth } };
  for (const accountId of await keptPushAccounts(db)) {
    await host
      .clientFor(accountId)
      .then((client) => ensurePushSubscription(client, db, accountId, browser))
      .catch(() => undefined);
  }
}
self.addEventListener('pushsubscriptionchange', (event) => (event as ExtendableEvent).waitUntil(renewPush()));

self.addEventListener('notificationclick', (event) => {
  const sync = (self.registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync;
  const registerSync = sync ? (tag: string) => sync.register(tag) : undefined;
  event.waitUntil(onNotificationClick({ db, host, clients: self.clients, registerSync }, event.notification, event.action));
});

/** The account's push subscription destroyed on the server, within a few seconds at most (sign-out must not wait on it). */
async function unsubscribe(accountId: string): Promise<void> {
  const work = host.clientFor(accountId).then((client) => destroyPushSubscription(client, db, accountId));
  await Promise.race([work.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
}

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
      // Every signed-in account's engine, not only the beating page's (src/host heartbeat).
      event.waitUntil(host.heartbeat(message.accountId).finally(() => reply(message.accountId)));
      hold(event, null);
      return;
    case 'updating':
      // The new worker takes the engines over from the stored states (the locks go with this one).
      updating = true;
      for (const release of [...holds]) release();
      return;
    case 'syncNow': {
      // Back online: every account's waits end, not only the beating page's (src/host networkBack).
      const work = message.reason === 'online' ? host.networkBack(message.accountId) : host.syncNow(message.accountId);
      event.waitUntil(work.finally(() => reply(message.accountId)));
      return;
    }
    case 'flush':
      host.flush(message.accountId);
      reply(message.accountId);
      return;
    case 'signOut':
      event.waitUntil(
        unsubscribe(message.accountId)
          .then(() => host.signOut(message.accountId))
          .finally(() => reply(message.accountId)),
      );
      return;
    case 'pushSubscribe': {
      const { accountId, endpoint, keys } = message;
      const work = host
        .clientFor(accountId)
        .then((client) => ensurePushSubscription(client, db, accountId, { endpoint, keys }))
        .then(() => markNotifiedOnce(db, accountId));
      event.waitUntil(
        work.then(
          () => event.ports[0]?.postMessage({ ok: true }),
          (error: unknown) => event.ports[0]?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
        ),
      );
      return;
    }
    case 'pushUnsubscribe':
      event.waitUntil(unsubscribe(message.accountId).finally(() => reply(message.accountId)));
      return;
    case 'status':
      reply(message.accountId);
      return;
  }
});
