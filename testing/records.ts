/**
 * Record builders for the store's unit tests (fixtures, not fakes: they build the exact
 * rows the engine writes).
 */
import type { EmailRecord, ThreadRecord } from '../src/sync/cache.ts';

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
