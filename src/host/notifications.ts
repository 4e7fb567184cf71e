/**
 * What a push shows: new unread mail in the Inbox since the last notification, one
 * notification per thread (tagged with the thread id, so a later one replaces it), one
 * summary when more than three threads arrive at once. Mail already read elsewhere shows
 * nothing. The actions on a notification are outbox intents, so they work offline.
 */
import { enqueue, readMailboxes } from '../outbox/index.ts';
import { emailsByIds, newInMailbox, notifiedUpTo, readSetting, writeSetting, type MailDb } from '../store/index.ts';

/** More new threads than this at once: one summary notification instead. */
export const GROUP_ABOVE = 3;
export const SUMMARY_TAG = 'new-mail';
const PREVIEW_CHARS = 120;

export type MailAction = 'archive' | 'read';

export interface MailNotificationData {
  accountId: string;
  /** The thread to open on a click (null: the summary, which opens the Inbox). */
  threadId: string | null;
  /** The new unread emails it tells of: what "Mark read" and "Archive" act on. */
  emailIds: string[];
}

export interface MailNotification {
  title: string;
  body: string;
  tag: string;
  data: MailNotificationData;
  actions: { action: MailAction; title: string }[];
}

const ACTIONS: MailNotification['actions'] = [
  { action: 'archive', title: 'Archive' },
  { action: 'read', title: 'Mark read' },
];

const roleId = async (db: MailDb, accountId: string, role: string) =>
  (await readMailboxes(db, accountId)).find((m) => m.role === role)?.id;

/**
 * The notifications for Inbox mail received after the last ones shown (the first time:
 * after `firstSinceMs`), unread in the mirror; moves the mark forward. Call after a sync.
 */
export async function newMailNotifications(db: MailDb, accountId: string, firstSinceMs = Date.now()): Promise<MailNotification[]> {
  const inbox = await roleId(db, accountId, 'inbox');
  if (!inbox) return [];
  const since = (await readSetting(db, notifiedUpTo(accountId))) ?? firstSinceMs;
  const rows = await newInMailbox(db, accountId, inbox, since);
  let upTo = since;
  const notes: MailNotification[] = [];
  for (const row of rows) {
    const emails = (await emailsByIds(db, accountId, row.unreadIds)).filter((e) => !!e);
    const fresh = emails.filter((e) => Date.parse(e.receivedAt) > since && e.mailboxIds[inbox] && !e.keywords.$seen);
    for (const e of emails) upTo = Math.max(upTo, Date.parse(e.receivedAt));
    upTo = Math.max(upTo, row.receivedMs);
    const newest = fresh.sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt))[0];
    if (!newest) continue;
    const from = newest.from?.[0];
    const preview = (newest.preview ?? '').replace(/\s+/g, ' ').trim();
    notes.push({
      title: from?.name || from?.email || 'New message',
      body: [newest.subject || '(no subject)', preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview]
        .filter(Boolean)
        .join('\n'),
      tag: row.threadId,
      data: { accountId, threadId: row.threadId, emailIds: fresh.map((e) => e.id) },
      actions: ACTIONS,
    });
  }
  await writeSetting(db, notifiedUpTo(accountId), upTo);
  if (notes.length <= GROUP_ABOVE) return notes;
  return [
    {
      title: `${notes.length} new messages`,
      body: notes.map((n) => `${n.title}: ${n.body.split('\n')[0]}`).join('\n'),
      tag: SUMMARY_TAG,
      data: { accountId, threadId: null, emailIds: notes.flatMap((n) => n.data.emailIds) },
      actions: ACTIONS,
    },
  ];
}

/** A notification's action, as an outbox intent (offline too); the caller flushes. */
export async function notificationAction(db: MailDb, data: MailNotificationData, action: MailAction): Promise<void> {
  if (data.emailIds.length === 0) return;
  if (action === 'read') {
    await enqueue(db, data.accountId, { kind: 'keywords', emailIds: data.emailIds, add: ['$seen'] });
    return;
  }
  const [inbox, archive] = await Promise.all([roleId(db, data.accountId, 'inbox'), roleId(db, data.accountId, 'archive')]);
  if (!archive) throw new Error('This account has no Archive folder');
  await enqueue(db, data.accountId, { kind: 'move', emailIds: data.emailIds, ...(inbox ? { fromMailboxId: inbox } : {}), toMailboxId: archive });
}

/** What the app badge shows: unread emails in the Inbox (as Fastmail), the person's own changes included. */
export async function inboxUnreadEmails(db: MailDb, accountId: string): Promise<number> {
  const inbox = (await readMailboxes(db, accountId)).find((m) => m.role === 'inbox');
  return inbox?.unreadEmails ?? 0;
}

type BadgeNavigator = { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };

/** Sets the installed app's badge (Badging API, where there is one) to the signed-in accounts' Inbox unread emails. */
export async function updateAppBadge(db: MailDb, nav: BadgeNavigator = navigator as unknown as BadgeNavigator): Promise<number> {
  const accounts = await db.accounts.toCollection().primaryKeys();
  let count = 0;
  for (const id of accounts) count += await inboxUnreadEmails(db, id);
  try {
    if (count > 0) await nav.setAppBadge?.(count);
    else await nav.clearAppBadge?.();
  } catch {
    // Not installed, or the browser refuses a badge: nothing to show it on.
  }
  return count;
}
