/**
 * Record builders for the store's unit tests (fixtures, not fakes: they build the exact
 * rows the engine writes).
 */
import type { BodyRecord, EmailRecord, MailboxRecord, ThreadRecord } from '../src/sync/cache.ts';

let dbCounter = 0;
/** A database name no other test in this process uses. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}-${process.pid}-${++dbCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function email(accountId: string, id: string, threadId: string, mailboxes: string[], receivedMs: number, gen = 1): EmailRecord {
  return {
    accountId,
    id,
    blobId: `B${id}`,
    threadId,
    mailboxIds: Object.fromEntries(mailboxes.map((m) => [m, true as const])),
    keywords: {},
    receivedAt: new Date(receivedMs).toISOString(),
    receivedMs,
    sentAt: null,
    from: [{ name: 'Ann', email: 'ann@example.com' }],
    to: null,
    cc: null,
    subject: `Subject ${id}`,
    preview: '',
    size: 1000,
    hasAttachment: false,
    messageId: [`${id}@example.com`],
    gen,
  };
}

export function thread(accountId: string, id: string, emailIds: string[], gen = 1): ThreadRecord {
  return { accountId, id, emailIds, gen };
}

export function body(accountId: string, emailId: string, receivedMs: number, bytes: number): BodyRecord {
  return {
    accountId,
    emailId,
    receivedMs,
    textBody: [],
    htmlBody: [],
    attachments: [],
    bodyValues: {},
    headers: [],
    replyTo: null,
    bcc: null,
    inReplyTo: null,
    references: null,
    bytes,
    fetchedAt: 0,
  };
}

export function mailbox(accountId: string, id: string, totalEmails: number): MailboxRecord {
  return {
    accountId,
    id,
    name: id,
    parentId: null,
    role: null,
    sortOrder: 0,
    totalEmails,
    unreadEmails: 0,
    totalThreads: totalEmails,
    unreadThreads: 0,
    myRights: {
      mayReadItems: true,
      mayAddItems: true,
      mayRemoveItems: true,
      maySetSeen: true,
      maySetKeywords: true,
      mayCreateChild: true,
      mayRename: true,
      mayDelete: true,
      maySubmit: true,
    },
    isSubscribed: true,
  };
}
