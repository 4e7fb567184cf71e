/// <reference lib="webworker" />
/**
 * The worker's Web Push events, as functions of what they need (so tests call them
 * directly): a push answers a verification or runs one sync cycle per account it names,
 * then shows what is new in the Inbox and sets the badge; a notification's action is an
 * outbox intent, its click opens the conversation.
 */
import {
  answerVerification,
  markNotifiedOnce,
  newMailNotifications,
  notificationAction,
  parsePush,
  updateAppBadge,
  type EngineHost,
  type MailAction,
  type MailNotificationData,
} from '../host/index.ts';
import { emailsByIds, NOTIFICATIONS, readSetting, type MailDb } from '../store/index.ts';

type Badge = Parameters<typeof updateAppBadge>[1];

export interface PushDeps {
  db: MailDb;
  host: Pick<EngineHost, 'syncCycle' | 'clientFor' | 'flush'>;
  registration: Pick<ServiceWorkerRegistration, 'showNotification' | 'getNotifications'>;
  badge?: Badge;
}

function notificationData(raw: unknown): MailNotificationData | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Record<string, unknown>;
  if (typeof d.accountId !== 'string' || !Array.isArray(d.emailIds)) return null;
  return {
    accountId: d.accountId,
    threadId: typeof d.threadId === 'string' ? d.threadId : null,
    emailIds: d.emailIds.filter((id): id is string => typeof id === 'string'),
  };
}

/** Closes the notifications of an account whose mail is all read or out of the Inbox now. */
async function closeRead(deps: PushDeps, accountId: string): Promise<void> {
  for (const n of await deps.registration.getNotifications()) {
    const data = notificationData(n.data);
    if (!data || data.accountId !== accountId) continue;
    const emails = await emailsByIds(deps.db, accountId, data.emailIds);
    if (emails.every((e) => !e || e.keywords.$seen)) n.close();
  }
}

export async function onPush(deps: PushDeps, payload: unknown): Promise<void> {
  const push = parsePush(payload);
  if (!push) return;
  const accounts = await deps.db.accounts.toCollection().primaryKeys();
  if (push['@type'] === 'PushVerification') {
    for (const accountId of accounts) {
      try {
        if (await answerVerification(await deps.host.clientFor(accountId), deps.db, accountId, push)) return;
      } catch {
        // Not this account's, or offline: the server sends it again only on a new subscription.
      }
    }
    return;
  }
  const notify = await readSetting(deps.db, NOTIFICATIONS);
  for (const accountId of Object.keys(push.changed)) if (accounts.includes(accountId)) await refreshAccount(deps, accountId, notify);
  await updateAppBadge(deps.db, deps.badge);
}

/**
 * One sync cycle of an account with no page needed (a push, a periodic wake), then, when
 * notifications are on, what is new in its Inbox shown and what was read closed.
 */
export async function refreshAccount(deps: PushDeps, accountId: string, notify: boolean): Promise<void> {
  if (notify) await markNotifiedOnce(deps.db, accountId);
  await deps.host.syncCycle(accountId).catch(() => undefined);
  if (notify) {
    for (const n of await newMailNotifications(deps.db, accountId)) {
      await deps.registration.showNotification(n.title, {
        body: n.body,
        tag: n.tag,
        data: n.data,
        actions: n.actions,
      } as NotificationOptions);
    }
  }
  await closeRead(deps, accountId);
}

export interface ClickDeps extends Pick<PushDeps, 'db' | 'host' | 'badge'> {
  clients: Pick<Clients, 'matchAll' | 'openWindow'>;
  /** Background Sync (Chromium): the outbox flushes when the network is back, worker alive or not. */
  registerSync?: (tag: string) => Promise<void>;
}

/** A notification's action ("archive", "read") or a click on it ("" opens the conversation). */
export async function onNotificationClick(
  deps: ClickDeps,
  notification: Pick<Notification, 'data' | 'close'>,
  action: string,
): Promise<void> {
  notification.close();
  const data = notificationData(notification.data);
  if (!data) return;
  if (action === 'archive' || action === 'read') {
    await notificationAction(deps.db, data, action satisfies MailAction);
    deps.host.flush(data.accountId);
    await deps.registerSync?.(`outbox:${data.accountId}`).catch(() => undefined);
    await updateAppBadge(deps.db, deps.badge);
    return;
  }
  const url = data.threadId ? `/?thread=${encodeURIComponent(data.threadId)}&account=${encodeURIComponent(data.accountId)}` : '/';
  const windows = await deps.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows[0] as WindowClient | undefined;
  if (open) {
    open.postMessage({ type: 'openThread', accountId: data.accountId, threadId: data.threadId });
    await open.focus();
  } else {
    await deps.clients.openWindow(url);
  }
}
