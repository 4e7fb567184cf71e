/**
 * The page's side of Web Push (src/sw/push.ts, src/host/webPush.ts): turning
 * notifications on asks for the permission (on that click, never on load), subscribes the
 * browser with the server's VAPID key when the session has one and the browser has
 * PushManager, and has the worker make the account's JMAP PushSubscription. Otherwise it
 * says in words what keeps mail current instead.
 */
import { NOTIFICATIONS, readSetting, writeSetting, type MailDb } from '../../store/index.ts';
import { ask } from './ask.ts';

export type PushMode =
  /** Web Push from the mail server: new mail arrives with the app closed. */
  | { kind: 'push' }
  /** No Web Push: why, in words, and what is used instead. */
  | { kind: 'none'; why: string };

const INSTEAD = 'new mail arrives while the app is open, through the server’s event stream (or by checking every minute when it has none)';

/** What this browser and this server allow, before anything is asked. */
export async function pushMode(accountId: string): Promise<PushMode> {
  if (!('serviceWorker' in navigator) || !('PushManager' in self) || !('Notification' in self))
    return { kind: 'none', why: `This browser has no Web Push here, so ${INSTEAD}.` };
  const session = await ask(accountId, 'session', {}).catch(() => null);
  if (!session) return { kind: 'none', why: `The mail server cannot be asked now; without it, ${INSTEAD}.` };
  if (!session.applicationServerKey) return { kind: 'none', why: `This mail server offers no Web Push (RFC 9749 VAPID), so ${INSTEAD}.` };
  return { kind: 'push' };
}

export const notificationsOn = (db: MailDb): Promise<boolean> => readSetting(db, NOTIFICATIONS);

function base64UrlBytes(key: string): Uint8Array<ArrayBuffer> {
  const b64 = key
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(key.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Posts to the active worker and waits for its `{ ok, error }` answer. */
async function tellWorker(message: object): Promise<void> {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) throw new Error('The background worker is not running yet; try again in a moment');
  await new Promise<void>((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('The background worker did not answer')), 30_000);
    channel.port1.onmessage = (event: MessageEvent<{ ok?: boolean; error?: string }>) => {
      clearTimeout(timer);
      if (event.data?.ok === false) reject(new Error(event.data.error ?? 'The mail server refused the push subscription'));
      else resolve();
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** The Settings switch turned on: permission, browser subscription, JMAP subscription. Returns what is in effect. */
export async function turnNotificationsOn(db: MailDb, accountId: string): Promise<PushMode> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('Notifications are blocked for this app in the browser’s site settings');
  await writeSetting(db, NOTIFICATIONS, true);
  try {
    const mode = await pushMode(accountId);
    if (mode.kind !== 'push') return mode;
    const session = await ask(accountId, 'session', {});
    const registration = await navigator.serviceWorker.ready;
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64UrlBytes(session.applicationServerKey!),
      }));
    const { endpoint, keys } = subscription.toJSON();
    await tellWorker({ type: 'pushSubscribe', accountId, endpoint, keys });
    return mode;
  } catch (error) {
    // The switch shows what is true: off, with the reason beside it.
    await writeSetting(db, NOTIFICATIONS, false);
    throw error;
  }
}

/** The switch turned off: the JMAP subscription destroyed, the browser's dropped. */
export async function turnNotificationsOff(db: MailDb, accountId: string): Promise<void> {
  await writeSetting(db, NOTIFICATIONS, false);
  const registration = await navigator.serviceWorker?.ready;
  await tellWorker({ type: 'pushUnsubscribe', accountId }).catch(() => undefined);
  await (await registration?.pushManager?.getSubscription())?.unsubscribe();
}
