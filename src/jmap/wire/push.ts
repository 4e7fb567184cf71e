/** RFC 8620 §7: push. */
import type { Id } from './core.ts';

/** RFC 8620 §7.1: accountId -> data type name -> new state string. */
export interface StateChange {
  '@type': 'StateChange';
  changed: Record<Id, Record<string, string>>;
  /** The SSE event id, when the server sends one; pass it back as lastEventId to resume. */
  eventId?: string;
}

/** RFC 8620 §7.2: a push subscription. `url` and `keys` are sent on create and never read back. */
export interface PushSubscription {
  id: Id;
  deviceClientId: string;
  url: string;
  /** RFC 8291 keys of the browser's subscription, base64url; null means unencrypted pushes. */
  keys: { p256dh: string; auth: string } | null;
  verificationCode: string | null;
  /** UTCDate; the server may shorten it (the created or updated answer says so). */
  expires: string | null;
  /** Data type names to push; null means all. */
  types: string[] | null;
}

export type PushSubscriptionCreate = Pick<PushSubscription, 'deviceClientId' | 'url' | 'keys'> &
  Partial<Pick<PushSubscription, 'expires' | 'types'>>;

/** RFC 8620 §7.2.2: pushed to a new subscription's url; set its code on the subscription. */
export interface PushVerification {
  '@type': 'PushVerification';
  pushSubscriptionId: Id;
  verificationCode: string;
}

/** RFC 9749: the server-level capability with the VAPID key to subscribe with. */
export interface WebPushVapidCapability {
  /** The P-256 public key, uncompressed point, base64url (PushManager's applicationServerKey). */
  applicationServerKey: string;
}
