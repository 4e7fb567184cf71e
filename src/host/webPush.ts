/**
 * JMAP Web Push for one account (RFC 8620 7.2, RFC 9749): the account's PushSubscription
 * made for this browser's push subscription, its verification answered, renewed before it
 * lapses, destroyed on sign-out and when notifications are turned off. The worker's `push`
 * event and the page's Settings switch call these with the account's one client.
 */
import { describeSetError, type JmapClient, type PushVerification, type StateChange } from '../jmap/index.ts';
import { PUSH_DEVICE_ID, readSetting, webPushSubscription, writeSetting, type KeptPushSubscription, type MailDb } from '../store/index.ts';

/** What a push is sent for: new mail, folder counts, deliveries (RFC 8621 EmailDelivery). */
export const PUSH_TYPES = ['Email', 'Mailbox', 'EmailDelivery'];
/** A subscription is renewed when it has less than this left. */
export const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;
const ASK_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/** The browser's push subscription (PushSubscription.toJSON()'s endpoint and keys). */
export interface BrowserPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** This device's deviceClientId: one per browser profile, made once and kept. */
export async function deviceClientId(db: MailDb): Promise<string> {
  const kept = await readSetting(db, PUSH_DEVICE_ID);
  if (kept) return kept;
  const made = crypto.randomUUID();
  await writeSetting(db, PUSH_DEVICE_ID, made);
  return made;
}

/**
 * Subscriptions verified before their create's answer was kept (the server pushes the
 * verification during the create): the create, in this same worker, marks them verified.
 */
const verifiedEarly = new Set<string>();

const isoIn = (now: number, ms: number) => new Date(now + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const msOf = (utc: string | null | undefined) => (utc ? Date.parse(utc) || null : null);

/**
 * Makes sure the account has a JMAP PushSubscription for this endpoint: kept as it is,
 * renewed when it lapses within a day, made again for a new endpoint (the old destroyed).
 * Returns what is kept for it. Throws in words when the server refuses.
 */
export async function ensurePushSubscription(
  client: JmapClient,
  db: MailDb,
  accountId: string,
  browser: BrowserPushSubscription,
  now = Date.now(),
): Promise<KeptPushSubscription> {
  const kept = await readSetting(db, webPushSubscription(accountId));
  if (kept && kept.endpoint === browser.endpoint) {
    if (kept.expiresMs === null || kept.expiresMs - now > RENEW_BEFORE_MS) return kept;
    const asked = isoIn(now, ASK_FOR_MS);
    const r = await client.call('PushSubscription/set', { update: { [kept.id]: { expires: asked } } });
    if (r.updated && kept.id in r.updated) {
      const renewed = { ...kept, expiresMs: msOf(r.updated[kept.id]?.expires) ?? msOf(asked) };
      await writeSetting(db, webPushSubscription(accountId), renewed);
      return renewed;
    }
    // Gone on the server (expired, or dropped by the push service): make a new one.
  } else if (kept) {
    await destroyPushSubscription(client, db, accountId);
  }
  const r = await client.call('PushSubscription/set', {
    create: {
      push: {
        deviceClientId: await deviceClientId(db),
        url: browser.endpoint,
        keys: browser.keys,
        types: PUSH_TYPES,
        expires: isoIn(now, ASK_FOR_MS),
      },
    },
  });
  const created = r.created?.push;
  if (!created) {
    const why = r.notCreated?.push;
    throw new Error(`The mail server did not take the push subscription${why ? `: ${describeSetError(why)}` : ''}`);
  }
  const made: KeptPushSubscription = {
    id: created.id,
    endpoint: browser.endpoint,
    expiresMs: msOf(created.expires) ?? msOf(isoIn(now, ASK_FOR_MS)),
    verified: false,
  };
  // The verification may already have been answered (it can arrive before this answer).
  made.verified = verifiedEarly.delete(made.id);
  await writeSetting(db, webPushSubscription(accountId), made);
  return made;
}

/**
 * Answers a PushVerification: sets its code on the subscription it names. It may arrive
 * before the answer to the create, so the subscription is named by the push, not looked
 * up; the server refuses one that is not this sign-in's. True when the server took it.
 */
export async function answerVerification(client: JmapClient, db: MailDb, accountId: string, v: PushVerification): Promise<boolean> {
  const r = await client.call('PushSubscription/set', { update: { [v.pushSubscriptionId]: { verificationCode: v.verificationCode } } });
  if (!r.updated || !(v.pushSubscriptionId in r.updated)) return false;
  const kept = await readSetting(db, webPushSubscription(accountId));
  if (kept?.id === v.pushSubscriptionId) await writeSetting(db, webPushSubscription(accountId), { ...kept, verified: true });
  else verifiedEarly.add(v.pushSubscriptionId);
  return true;
}

/** Destroys the account's subscription on the server (best effort) and forgets it here. */
export async function destroyPushSubscription(client: JmapClient, db: MailDb, accountId: string): Promise<void> {
  const kept = await readSetting(db, webPushSubscription(accountId));
  if (!kept) return;
  try {
    await client.call('PushSubscription/set', { destroy: [kept.id] });
  } finally {
    await writeSetting(db, webPushSubscription(accountId), null);
  }
}

/** The signed-in accounts that have a push subscription for this browser. */
export async function keptPushAccounts(db: MailDb): Promise<string[]> {
  const accounts = await db.accounts.toCollection().primaryKeys();
  const kept = await Promise.all(accounts.map((id) => readSetting(db, webPushSubscription(id))));
  return accounts.filter((_, i) => kept[i]);
}

/** What a push carries (RFC 8620 7.1, 7.2.2), checked; anything else is null. */
export function parsePush(data: unknown): StateChange | PushVerification | null {
  if (typeof data !== 'object' || data === null) return null;
  const o = data as Record<string, unknown>;
  if (o['@type'] === 'PushVerification' && typeof o.pushSubscriptionId === 'string' && typeof o.verificationCode === 'string')
    return { '@type': 'PushVerification', pushSubscriptionId: o.pushSubscriptionId, verificationCode: o.verificationCode };
  if (o['@type'] === 'StateChange' && typeof o.changed === 'object' && o.changed !== null && !Array.isArray(o.changed)) {
    const changed: Record<string, Record<string, string>> = {};
    for (const [acc, types] of Object.entries(o.changed as Record<string, unknown>)) {
      if (typeof types !== 'object' || types === null) continue;
      changed[acc] = Object.fromEntries(Object.entries(types).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
    return { '@type': 'StateChange', changed };
  }
  return null;
}
