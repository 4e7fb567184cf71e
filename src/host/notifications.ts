/**
 * What a push shows: new unread mail in the Inbox since the last notification, one
 * notification per thread (tagged with the thread id, so a later one replaces it), one
 * summary when more than three threads arrive at once. Mail already read elsewhere shows
 * nothing. The actions on a notification are outbox intents, so they work offline.
 */
import { enqueue, readMailboxes } from '../outbox/index.ts';
import { emailsByIds, newInMailbox, notifiedUpTo, readSetting, writeSetting, type MailDb, type NotifiedMark } from '../store/index.ts';

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

const roleId = async (db: MailDb, accountId: string, role: string) => (await readMailboxes(db, accountId)).find((m) => m.role === role)?.id;

/**
 * When notifications start (subscribing, and before a push's sync): the first time, the
 * mark is set to the newest Inbox mail the mirror holds, so only what comes after is new,
 * not the whole mailbox. Marks are the server's receivedAt, never this device's clock
 * (the two differ, and receivedAt has whole seconds).
 */
export async function markNotifiedOnce(db: MailDb, accountId: string): Promise<void> {
  if ((await readSetting(db, notifiedUpTo(accountId))) !== null) return;
  const inbox = await roleId(db, accountId, 'inbox');
  const [newest] = inbox ? await newInMailbox(db, accountId, inbox, 0, 1) : [];
  await writeSetting(db, notifiedUpTo(accountId), { ms: newest?.receivedMs ?? 0, ids: newest?.emailIds ?? [] });
}

/**
 * The notifications for Inbox mail received after the last ones shown, unread in the
 * mirror; moves the mark forward. Call after a sync (and markNotifiedOnce before it).
 */
export async function newMailNotifications(db: MailDb, accountId: string): Promise<MailNotification[]> {
  const inbox = await roleId(db, accountId, 'inbox');
  if (!inbox) return [];
  const mark = (await readSetting(db, notifiedUpTo(accountId))) ?? { ms: 0, ids: [] };
  const seen = new Set(mark.ids);
  const isNew = (id: string, ms: number) => ms > mark.ms || (ms === mark.ms && !seen.has(id));
  // From the mark's second on (>=): mail of that same second may not have been there yet.
  const rows = await newInMailbox(db, accountId, inbox, mark.ms - 1);
  const next: NotifiedMark = { ...mark, ids: [...mark.ids] };
  const notes: MailNotification[] = [];
  for (const row of rows) {
    const emails = (await emailsByIds(db, accountId, row.emailIds)).filter((e) => !!e);
    const fresh = emails.filter((e) => isNew(e.id, Date.parse(e.receivedAt)) && e.mailboxIds[inbox] && !e.keywords.$seen);
    for (const e of emails) {
      const ms = Date.parse(e.receivedAt);
      if (ms > next.ms) Object.assign(next, { ms, ids: [e.id] });
      else if (ms === next.ms && !next.ids.includes(e.id)) next.ids.push(e.id);
    }
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
  await writeSetting(db, notifiedUpTo(accountId), next);
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
  await enqueue(db, data.accountId, {
    kind: 'move',
    emailIds: data.emailIds,
    ...(inbox ? { fromMailboxId: inbox } : {}),
    toMailboxId: archive,
  });
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
