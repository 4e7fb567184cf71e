/**
 * The typed messages between a page and the engine host (the service worker). One map,
 * checked at runtime on arrival: a page of an older or newer version may be open next to
 * this worker, so anything unknown is ignored rather than trusted.
 */

export interface PageMessages {
  /** "A page is open (and visible or not)": (re)starts the account's engine and push stream. */
  heartbeat: { accountId: string; visible: boolean };
  /** Sync now: the page gained focus, came online, or the person asked. */
  syncNow: { accountId: string; reason: 'focus' | 'online' | 'person' | 'open' };
  /** Something was queued in the outbox: flush it now. */
  flush: { accountId: string };
  /** The account was signed out: stop its engine before the page wipes its data. */
  signOut: { accountId: string };
  /**
   * Notifications were turned on and the browser subscribed for push (Settings): make the
   * account's JMAP PushSubscription for it (src/host/webPush.ts).
   */
  pushSubscribe: { accountId: string; endpoint: string; keys: { p256dh: string; auth: string } };
  /** Notifications were turned off: destroy the account's JMAP PushSubscription. */
  pushUnsubscribe: { accountId: string };
  /** Ask what the host is doing (tests and the status view). */
  status: { accountId: string };
  /** Apply a waiting update (workbox-window's messageSkipWaiting sends this shape). */
  SKIP_WAITING: object;
  /**
   * To the running worker: the person chose the waiting update. It ends its keep-alive
   * waits, which would otherwise hold the new worker back (Chromium activates it only once
   * the old one has no event in progress, and heartbeats keep one open all the time).
   */
  updating: object;
}

export type PageMessage = { [K in keyof PageMessages]: { type: K } & PageMessages[K] }[keyof PageMessages];

/** What the host answers through the message's port, when the page gave one. */
export interface HostReply {
  accountId: string;
  /** The engine runs in this host (false while another host holds the account's lock). */
  running: boolean;
  /** Why it is not running, in words, if it is not. */
  reason: string | null;
  /** How many engines this host has started since it started (a worker restart resets it). */
  starts: number;
}

const string = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A runtime check of everything that arrives by postMessage. */
export function parsePageMessage(data: unknown): PageMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'heartbeat':
      return string(m.accountId) ? { type: 'heartbeat', accountId: m.accountId, visible: m.visible === true } : null;
    case 'syncNow': {
      const reasons = ['focus', 'online', 'person', 'open'] as const;
      const reason = reasons.find((r) => r === m.reason) ?? 'person';
      return string(m.accountId) ? { type: 'syncNow', accountId: m.accountId, reason } : null;
    }
    case 'pushSubscribe': {
      const keys = (typeof m.keys === 'object' && m.keys !== null ? m.keys : {}) as Record<string, unknown>;
      if (!string(m.accountId) || !string(m.endpoint) || !/^https?:\/\//.test(m.endpoint) || !string(keys.p256dh) || !string(keys.auth))
        return null;
      return { type: 'pushSubscribe', accountId: m.accountId, endpoint: m.endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
    }
    case 'pushUnsubscribe':
    case 'flush':
    case 'signOut':
    case 'status':
      return string(m.accountId) ? { type: m.type, accountId: m.accountId } : null;
    case 'SKIP_WAITING':
      return { type: 'SKIP_WAITING' };
    case 'updating':
      return { type: 'updating' };
    default:
      return null;
  }
}
