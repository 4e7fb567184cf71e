/**
 * Writing intents: the intent and its overlay in ONE transaction, so a crash leaves both or
 * neither, and the change shows at once. Also undo, retry and discard.
 */
import { readSetting, signatureOf, writeSetting, type MailDb } from '../store/index.ts';
import type { EmailRecord } from '../sync/index.ts';
import {
  mailboxIdsOf,
  type EmailBefore,
  withMailboxIds,
  type EmailOverlay,
  type EmailPatch,
  type IdentityOverlay,
  type Intent,
  type MailboxOverlay,
  type MailboxPatch,
  type OutboxItem,
  type OverlayRow,
  VACATION_ID,
} from './intents.ts';
import { mergeEmail } from './merge.ts';
import { serverIdOf } from './idAliases.ts';
import { restoreSignature } from './settingsPass.ts';
import { items, overlays, overlaysFor } from './tables.ts';

/** Undo window of a send, unless the intent says otherwise. */
export const DEFAULT_HOLD_MS = 10_000;

let lastCreatedAt = 0;
/** Strictly increasing within this realm, so intents made in one click keep their order. */
function nextCreatedAt(): number {
  lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
  return lastCreatedAt;
}

/** Wakes flushers in this realm when something was queued (set by createFlusher). */
export const queued = new EventTarget();

export async function enqueue(db: MailDb, accountId: string, given: Intent): Promise<string> {
  return (await enqueueItem(db, accountId, given)).id;
}

/** enqueue, answering with the item as stored (its `before`, what undo puts back). */
export async function enqueueItem(db: MailDb, accountId: string, given: Intent): Promise<OutboxItem> {
  const intent = withDraftMessageId(await withServerIds(db, accountId, given));
  const id = crypto.randomUUID();
  const createdAt = nextCreatedAt();
  const hold = intent.kind === 'send' ? (intent.holdMs ?? DEFAULT_HOLD_MS) : 0;
  const item: OutboxItem = {
    id,
    accountId,
    createdAt,
    intent,
    state: hold > 0 ? 'held' : 'waiting',
    attempts: 0,
    notBefore: createdAt + hold,
    ...(intent.kind === 'send' ? { messageId: newMessageId(intent.content.from.email) } : {}),
    ...(intent.kind === 'saveDraft' ? { messageId: intent.content.draftMessageId } : {}),
  };
  await db.transaction('rw', [db.outbox, db.overlays, db.emails, db.settings, db.drafts], async () => {
    if ('draftId' in intent) {
      const copy = (await db.drafts.get(intent.draftId))?.serverId;
      if (copy) item.serverDraftId = copy;
    }
    const seen = await seenEmails(db, accountId, intent);
    const rows = overlayRowsFor(accountId, id, createdAt, intent, seen);
    const before = beforeOf(intent, seen);
    if (before) item.before = before;
    if (intent.kind === 'identityUpdate' && intent.patch.textSignature !== undefined) {
      // The signature this device adds (what compose reads) changes at once, also while
      // the server cannot be reached or cannot store it; the one before comes back if the
      // server refuses (settingsPass.ts).
      const setting = signatureOf(accountId, intent.identityId);
      item.signatureBefore = await readSetting(db, setting);
      await writeSetting(db, setting, intent.patch.textSignature);
    }
    // A send or a discard destroys the composition's server copies itself (send.ts): saves
    // still queued for it would only make a copy to destroy, and an Outbox line that says
    // "Save draft" for mail the person sent.
    if (intent.kind === 'saveDraft' || intent.kind === 'send' || intent.kind === 'discardDraft')
      await dropEarlierSaves(db, accountId, intent.draftId);
    await items(db).put(item);
    if (rows.length) await overlays(db).bulkPut(rows);
  });
  queued.dispatchEvent(new Event('queued'));
  return item;
}

/**
 * A screen may still name a folder made on this device by its local id after the server
 * made it (the mirror catches up a moment later): such ids become the server's.
 */
async function withServerIds(db: MailDb, accountId: string, intent: Intent): Promise<Intent> {
  const ids = mailboxIdsOf(intent);
  if (ids.length === 0) return intent;
  const server = new Map(await Promise.all(ids.map(async (id) => [id, (await serverIdOf(db, accountId, id)) ?? id] as const)));
  return withMailboxIds(intent, (id) => server.get(id) ?? id);
}

/**
 * A new save of a draft replaces the ones still queued (a burst of autosaves sends only
 * the last), and so do its send and its discard. One whose request is out is left to its pass: whatever it made, the next
 * save destroys by the draft's Message-ID.
 */
async function dropEarlierSaves(db: MailDb, accountId: string, draftId: string): Promise<void> {
  const earlier = await items(db)
    .where('[accountId+createdAt]')
    .between([accountId, -Infinity], [accountId, Infinity])
    .filter((i) => i.intent.kind === 'saveDraft' && i.intent.draftId === draftId && i.state !== 'sending')
    .primaryKeys();
  await items(db).bulkDelete(earlier);
}

/** Drafts and sends name their composition's Message-ID (intents.ts draftMessageId). */
function withDraftMessageId(intent: Intent): Intent {
  if (intent.kind !== 'saveDraft' && intent.kind !== 'send') return intent;
  if (intent.content.draftMessageId) return intent;
  return { ...intent, content: { ...intent.content, draftMessageId: newMessageId(intent.content.from.email) } };
}

function newMessageId(fromEmail: string): string {
  const domain = fromEmail.split('@')[1] || 'localhost';
  return `${crypto.randomUUID()}@${domain}`;
}

/** Each email a keywords or move intent is about, as the person sees it now (server row and overlays). */
async function seenEmails(db: MailDb, accountId: string, intent: Intent): Promise<Map<string, EmailRecord>> {
  if (intent.kind !== 'keywords' && intent.kind !== 'move') return new Map();
  const current = await db.emails.bulkGet(intent.emailIds.map((id) => [accountId, id] as [string, string]));
  const pending = await overlaysFor(db, accountId, intent.emailIds);
  const seen = new Map<string, EmailRecord>();
  for (const server of current) {
    const merged =
      server &&
      mergeEmail(
        server,
        pending.filter((o) => o.objectId === server.id),
      );
    if (merged) seen.set(merged.id, merged);
  }
  return seen;
}

/** The keywords an intent sets (true) or clears (false). */
function keywordPatch(intent: Intent): Record<string, boolean> | undefined {
  if (intent.kind === 'move') return intent.keywords;
  if (intent.kind !== 'keywords') return undefined;
  const keywords: Record<string, boolean> = {};
  for (const k of intent.add ?? []) keywords[k] = true;
  for (const k of intent.remove ?? []) keywords[k] = false;
  return keywords;
}

/** What undo puts back: each email's mailboxes before a move, and the keywords the intent touches as they were. */
function beforeOf(intent: Intent, seen: ReadonlyMap<string, EmailRecord>): Record<string, EmailBefore> | undefined {
  if (intent.kind !== 'keywords' && intent.kind !== 'move') return undefined;
  const touched = Object.keys(keywordPatch(intent) ?? {});
  const before: Record<string, EmailBefore> = {};
  for (const [id, email] of seen) {
    before[id] = {
      ...(intent.kind === 'move' ? { mailboxIds: { ...email.mailboxIds } } : {}),
      ...(touched.length ? { keywords: Object.fromEntries(touched.map((k) => [k, email.keywords[k] === true])) } : {}),
    };
  }
  return before;
}

function overlayRowsFor(
  accountId: string,
  intentId: string,
  createdAt: number,
  intent: Intent,
  seen: ReadonlyMap<string, EmailRecord>,
): OverlayRow[] {
  const base = (objectId: string) => ({ id: `${intentId}:${objectId}`, accountId, objectId, intentId, createdAt });
  const email = (objectId: string, patch: EmailPatch): EmailOverlay => ({ ...base(objectId), type: 'Email', patch });
  const mailbox = (objectId: string, patch: MailboxPatch): MailboxOverlay => ({ ...base(objectId), type: 'Mailbox', patch });
  const identity = (objectId: string, patch: IdentityOverlay['patch']): IdentityOverlay => ({ ...base(objectId), type: 'Identity', patch });
  switch (intent.kind) {
    case 'keywords': {
      const keywords = keywordPatch(intent)!;
      return intent.emailIds.map((id) => email(id, { keywords }));
    }
    case 'move': {
      // Absolute: the mailboxes each email will be in, from what the person sees now.
      const keywords = intent.keywords && Object.keys(intent.keywords).length ? { keywords: intent.keywords } : {};
      return intent.emailIds.flatMap((id) => {
        const now = seen.get(id);
        if (!now) return [];
        const mailboxIds: Record<string, true> = intent.fromMailboxId ? { ...now.mailboxIds } : {};
        if (intent.fromMailboxId) delete mailboxIds[intent.fromMailboxId];
        mailboxIds[intent.toMailboxId] = true;
        return [email(id, { mailboxIds, ...keywords })];
      });
    }
    case 'restore':
      return Object.entries(intent.emails).map(([id, was]) =>
        email(id, { ...(was.mailboxIds ? { mailboxIds: was.mailboxIds } : {}), ...(was.keywords ? { keywords: was.keywords } : {}) }),
      );
    case 'destroy':
      return intent.emailIds.map((id) => email(id, { destroyed: true }));
    case 'mailboxCreate':
      return [mailbox(intent.localId, { created: { name: intent.name, parentId: intent.parentId } })];
    case 'mailboxUpdate':
      return [
        mailbox(intent.mailboxId, {
          ...(intent.name !== undefined ? { name: intent.name } : {}),
          ...(intent.parentId !== undefined ? { parentId: intent.parentId } : {}),
        }),
      ];
    case 'mailboxDestroy':
      return [mailbox(intent.mailboxId, { destroyed: true })];
    case 'identityUpdate':
      return [identity(intent.identityId, intent.patch)];
    case 'vacationUpdate':
      return [{ ...base(VACATION_ID), type: 'VacationResponse', patch: intent.patch }];
    case 'saveDraft':
    case 'send':
    case 'unsubscribe':
    case 'discardDraft':
    case 'cancelScheduled':
      return [];
  }
}

/** Stops a send still in its undo window (or waiting). True if it was caught in time. */
export async function undoSend(db: MailDb, intentId: string): Promise<boolean> {
  return db.transaction('rw', [db.outbox, db.overlays], async () => {
    const item = await items(db).get(intentId);
    if (!item || item.state === 'sending' || item.uncertain) return false;
    await items(db).delete(intentId);
    await overlays(db).where('intentId').equals(intentId).delete();
    return true;
  });
}

/** A failed item goes back to the queue now. */
export async function retryItem(db: MailDb, intentId: string): Promise<void> {
  await items(db).update(intentId, { state: 'waiting', notBefore: 0, reason: undefined });
  queued.dispatchEvent(new Event('queued'));
}

/** Drops an item and reverts what it showed (a signature too). An item whose send may have gone out is kept. */
export async function discardItem(db: MailDb, intentId: string): Promise<boolean> {
  return db.transaction('rw', [db.outbox, db.overlays, db.settings], async () => {
    const item = await items(db).get(intentId);
    if (!item) return true;
    if (item.state === 'sending' || item.uncertain || item.inFlight) return false;
    await restoreSignature(db, item.accountId, [item]);
    await items(db).delete(intentId);
    await overlays(db).where('intentId').equals(intentId).delete();
    return true;
  });
}
