import webpush from 'web-push';
import { allStates } from '../data/changes.ts';
import { getMeta, setMeta, type Db } from '../data/db.ts';
import { allSubscriptions, deleteSubscription, getSubscription, type StoredSubscription } from '../data/push-subscriptions.ts';
import { accountIdFor } from '../data/users.ts';
import type { DataType, StateChange } from '../wire.ts';

/**
 * Web Push from the server itself (RFC 8620 7.2, RFC 8030): every request is encrypted for
 * the subscription's keys (RFC 8291 aes128gcm) and signed with the server's VAPID key
 * (RFC 8292), both by `web-push`; this file only decides what to push and when.
 */

/** One push per subscription per second at most, changes in between merged (as Stalwart). */
export const PUSH_THROTTLE_MS = 1000;
const VAPID_SUBJECT = 'mailto:postmaster@example.test';
const PUSH_TTL_SECONDS = 24 * 60 * 60;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The server's VAPID key pair: generated once per data dir and kept (a new key would void every subscription). */
export function vapidKeys(db: Db): VapidKeys {
  const kept = getMeta(db, 'vapidKeys');
  if (kept) return JSON.parse(kept) as VapidKeys;
  const keys = webpush.generateVAPIDKeys();
  setMeta(db, 'vapidKeys', JSON.stringify(keys));
  return keys;
}

/** Only http(s) push services are ever asked; anything else is refused at create and at send. */
export function isPushUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

interface Throttle {
  last: number;
  pending: Set<DataType>;
  timer: NodeJS.Timeout | null;
}

export class WebPushSender {
  private throttles = new Map<string, Throttle>();
  private inFlight = new Set<Promise<void>>();
  private stopped = false;
  private readonly db: Db;
  private readonly keys: VapidKeys;
  private readonly now: () => Date;

  constructor(db: Db, keys: VapidKeys, now: () => Date) {
    this.db = db;
    this.keys = keys;
    this.now = now;
  }

  /** A new subscription: push its PushVerification at once (RFC 8620 7.2.2). */
  verify(sub: StoredSubscription): void {
    this.throttle(sub.id).last = Date.now();
    this.deliver(sub, { '@type': 'PushVerification', pushSubscriptionId: sub.id, verificationCode: sub.expectedCode });
  }

  /** Forgets a destroyed subscription's pending push. */
  forget(id: string): void {
    const t = this.throttles.get(id);
    if (t?.timer) clearTimeout(t.timer);
    this.throttles.delete(id);
  }

  /** Called by the push hub after each commit (changes of one tick merged). */
  changed(accountId: string, types: Set<DataType>): void {
    for (const sub of allSubscriptions(this.db)) {
      if (accountIdFor(sub.username) !== accountId || !this.wanted(sub)) continue;
      const t = this.throttle(sub.id);
      for (const type of types) if (sub.types === null || sub.types.includes(type)) t.pending.add(type);
      if (t.pending.size === 0 || t.timer) continue;
      const wait = Math.max(0, t.last + PUSH_THROTTLE_MS - Date.now());
      t.timer = setTimeout(() => this.flush(sub.id, accountId), wait);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.throttles.keys()]) this.forget(id);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Verified and not expired; an expired one is deleted on the way. */
  private wanted(sub: StoredSubscription): boolean {
    if (Date.parse(sub.expires) <= this.now().getTime()) {
      deleteSubscription(this.db, sub.id);
      this.forget(sub.id);
      return false;
    }
    return sub.verificationCode !== null && sub.verificationCode === sub.expectedCode;
  }

  private throttle(id: string): Throttle {
    let t = this.throttles.get(id);
    if (!t) this.throttles.set(id, (t = { last: 0, pending: new Set(), timer: null }));
    return t;
  }

  private flush(id: string, accountId: string): void {
    const t = this.throttles.get(id);
    if (!t) return;
    t.timer = null;
    const sub = getSubscription(this.db, id);
    if (!sub || !this.wanted(sub) || t.pending.size === 0) return;
    const states = allStates(this.db, accountId);
    const out: Partial<Record<DataType, string>> = {};
    for (const type of t.pending) out[type] = String(states.get(type) ?? 0);
    t.pending.clear();
    t.last = Date.now();
    const change: StateChange = { '@type': 'StateChange', changed: { [accountId]: out } };
    this.deliver(sub, change);
  }

  private deliver(sub: StoredSubscription, body: object): void {
    if (this.stopped || !isPushUrl(sub.url)) return;
    const p = this.post(sub, JSON.stringify(body)).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async post(sub: StoredSubscription, payload: string): Promise<void> {
    const details = webpush.generateRequestDetails({ endpoint: sub.url, keys: sub.keys }, payload, {
      vapidDetails: { subject: VAPID_SUBJECT, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
      contentEncoding: 'aes128gcm',
      TTL: PUSH_TTL_SECONDS,
      urgency: 'normal',
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(details.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
    try {
      const res = await fetch(details.endpoint, {
        method: 'POST',
        headers,
        body: new Uint8Array(details.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      // RFC 8030 7.3: 404 or 410 means the subscription is gone for good.
      if (res.status === 404 || res.status === 410) {
        deleteSubscription(this.db, sub.id);
        this.forget(sub.id);
      }
    } catch {
      // The push service is unreachable: the next change tries again.
    }
  }
}
