/**
 * Turning server objects into cache records. src/jmap checks the envelope and ids; the
 * fields the mirror relies on are checked here, so a malformed object fails the whole
 * patch (nothing is written) with a sentence saying what was wrong, instead of a row
 * that breaks the UI later.
 */
import { ProtocolError, type Email, type Mailbox, type Thread } from '../jmap/index.ts';
import type { BodyRecord, EmailChange, EmailRecord, MailboxRecord, ThreadRecord } from './cache.ts';

function bad(what: string, id: unknown, field: string, expected: string): never {
  throw new ProtocolError(`${what} ${typeof id === 'string' ? id : '(no id)'} has no valid "${field}" (expected ${expected})`);
}

function isIdMap(v: unknown): v is Record<string, true> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === true);
}

function optArray<T>(v: unknown): T[] | null {
  return Array.isArray(v) ? (v as T[]) : null;
}

export function toEmailRecord(accountId: string, e: Email, gen: number): EmailRecord {
  if (typeof e.threadId !== 'string') bad('Email', e.id, 'threadId', 'an id');
  if (!isIdMap(e.mailboxIds)) bad('Email', e.id, 'mailboxIds', 'a map of mailbox ids to true');
  const keywords = e.keywords ?? {};
  if (!isIdMap(keywords)) bad('Email', e.id, 'keywords', 'a map of keywords to true');
  const receivedMs = typeof e.receivedAt === 'string' ? Date.parse(e.receivedAt) : NaN;
  if (!Number.isFinite(receivedMs)) bad('Email', e.id, 'receivedAt', 'a UTC date');
  return {
    accountId,
    id: e.id,
    blobId: typeof e.blobId === 'string' ? e.blobId : null,
    threadId: e.threadId,
    mailboxIds: e.mailboxIds,
    keywords,
    receivedAt: e.receivedAt!,
    receivedMs,
    sentAt: typeof e.sentAt === 'string' ? e.sentAt : null,
    from: optArray(e.from),
    to: optArray(e.to),
    cc: optArray(e.cc),
    subject: typeof e.subject === 'string' ? e.subject : null,
    preview: typeof e.preview === 'string' ? e.preview : '',
    size: typeof e.size === 'number' ? e.size : 0,
    hasAttachment: e.hasAttachment === true,
    messageId: optArray<string>(e.messageId),
    gen,
  };
}

/** An updated email: only what can change (see EmailChange). */
export function toEmailChange(e: Email, gen: number): EmailChange {
  if (!isIdMap(e.mailboxIds)) bad('Email', e.id, 'mailboxIds', 'a map of mailbox ids to true');
  const keywords = e.keywords ?? {};
  if (!isIdMap(keywords)) bad('Email', e.id, 'keywords', 'a map of keywords to true');
  return { id: e.id, mailboxIds: e.mailboxIds, keywords, gen };
}

export function toThreadRecord(accountId: string, t: Thread, gen: number): ThreadRecord {
  if (!Array.isArray(t.emailIds) || !t.emailIds.every((x) => typeof x === 'string')) bad('Thread', t.id, 'emailIds', 'a list of ids');
  return { accountId, id: t.id, emailIds: t.emailIds, gen };
}

export function toMailboxRecord(accountId: string, m: Mailbox): MailboxRecord {
  if (typeof m.name !== 'string') bad('Mailbox', m.id, 'name', 'a string');
  for (const f of ['totalEmails', 'unreadEmails', 'totalThreads', 'unreadThreads'] as const) {
    if (typeof m[f] !== 'number') bad('Mailbox', m.id, f, 'a number');
  }
  return { ...m, accountId, parentId: m.parentId ?? null, role: m.role ?? null, sortOrder: m.sortOrder ?? 0 };
}

export function toBodyRecord(accountId: string, e: Email, now: number): BodyRecord {
  const receivedMs = typeof e.receivedAt === 'string' ? Date.parse(e.receivedAt) : NaN;
  if (!Number.isFinite(receivedMs)) bad('Email', e.id, 'receivedAt', 'a UTC date');
  const record: BodyRecord = {
    accountId,
    emailId: e.id,
    receivedMs,
    textBody: optArray(e.textBody) ?? [],
    htmlBody: optArray(e.htmlBody) ?? [],
    attachments: optArray(e.attachments) ?? [],
    bodyValues: e.bodyValues && typeof e.bodyValues === 'object' ? e.bodyValues : {},
    headers: optArray(e.headers) ?? [],
    replyTo: optArray(e.replyTo),
    bcc: optArray(e.bcc),
    inReplyTo: optArray(e.inReplyTo),
    references: optArray(e.references),
    bytes: 0,
    fetchedAt: now,
  };
  // UTF-16 length of the JSON: close enough to what IndexedDB stores to budget with.
  record.bytes = JSON.stringify(record).length * 2;
  return record;
}
