/**
 * What the Outbox, the notices and Settings read of the queue: its items in words, the
 * notices, the settings changes not yet on the server. Apart from reads.ts, which the
 * start path imports (the list's reads): these are the later screens', and a module the
 * start path imports ships in the first download with every export any chunk uses.
 */
import type { MailDb } from '../store/index.ts';
import type { IdentityPatch, Intent, Notice, OutboxItem, VacationPatch } from './intents.ts';
import { accountItems, accountOverlays, notices } from './tables.ts';

/** Settings changes made on this device that the server's copy may not show yet (overlays, oldest first). */
export interface PendingSettings {
  /** Identity id -> the values set here. */
  identities: Record<string, IdentityPatch>;
  vacation?: VacationPatch;
  /** The server accepted the vacation change: its copy read before is out of date. */
  vacationAccepted: boolean;
}

export async function readPendingSettings(db: MailDb, accountId: string): Promise<PendingSettings> {
  const out: PendingSettings = { identities: {}, vacationAccepted: false };
  const list = (await accountOverlays(db, accountId)).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const o of list) {
    if (o.type === 'Identity') out.identities[o.objectId] = { ...out.identities[o.objectId], ...o.patch };
    if (o.type === 'VacationResponse') {
      out.vacation = { ...out.vacation, ...o.patch };
      if (o.done) out.vacationAccepted = true;
    }
  }
  return out;
}

export interface OutboxView {
  id: string;
  kind: Intent['kind'];
  /** What was asked, for words that name subjects and folders (src/ui status/outboxLines.ts). */
  intent: Intent;
  summary: string;
  state: OutboxItem['state'];
  reason?: string;
  createdAt: number;
  /** A held send goes out at this time unless undone. */
  sendAt?: number;
  /** keywords and move: what undo puts back (undo.ts; dropped while not sent, else the inverse). */
  before?: OutboxItem['before'];
}

export async function outboxItems(db: MailDb, accountId: string): Promise<OutboxView[]> {
  const list = await accountItems(db, accountId);
  return list.map((item) => ({
    id: item.id,
    kind: item.intent.kind,
    intent: item.intent,
    summary: describeIntent(item.intent),
    state: item.state,
    reason: item.reason,
    createdAt: item.createdAt,
    ...(item.state === 'held' ? { sendAt: item.notBefore } : {}),
    ...(item.before ? { before: item.before } : {}),
  }));
}

export async function pendingCount(db: MailDb, accountId: string): Promise<number> {
  return (await accountItems(db, accountId)).length;
}

export async function listNotices(db: MailDb, accountId: string): Promise<Notice[]> {
  return notices(db).where('[accountId+createdAt]').between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER]).toArray();
}

export async function dismissNotice(db: MailDb, noticeId: string): Promise<void> {
  await notices(db).delete(noticeId);
}

const IDENTITY_WORDS: Record<string, string> = {
  name: 'name',
  replyTo: 'reply-to address',
  bcc: 'Bcc address',
  textSignature: 'signature',
  htmlSignature: 'formatted signature',
};

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** An intent in words, for the outbox list and for notices. */
export function describeIntent(intent: Intent): string {
  switch (intent.kind) {
    case 'keywords': {
      const k = [...(intent.add ?? []).map((x) => [x, true] as const), ...(intent.remove ?? []).map((x) => [x, false] as const)][0];
      const n = count(intent.emailIds.length, 'message');
      if (!k) return `Change ${n}`;
      const words: Record<string, [string, string]> = {
        $seen: ['Mark read', 'Mark unread'],
        $flagged: ['Star', 'Unstar'],
        $junk: ['Mark as junk', 'Unmark junk'],
        $answered: ['Mark answered', 'Unmark answered'],
      };
      const [on, off] = words[k[0]] ?? [`Set ${k[0]} on`, `Clear ${k[0]} from`];
      return `${k[1] ? on : off} ${n}`;
    }
    case 'move':
      if (intent.keywords?.$junk) return `Report ${count(intent.emailIds.length, 'message')} as spam`;
      if (intent.keywords?.$notjunk) return `Mark ${count(intent.emailIds.length, 'message')} as not spam`;
      return `Move ${count(intent.emailIds.length, 'message')}`;
    case 'restore':
      return `Undo a change to ${count(Object.keys(intent.emails).length, 'message')}`;
    case 'destroy':
      return `Delete ${count(intent.emailIds.length, 'message')} forever`;
    case 'mailboxCreate':
      return `Create folder “${intent.name}”`;
    case 'mailboxUpdate':
      return intent.name !== undefined ? `Rename folder to “${intent.name}”` : 'Move folder';
    case 'mailboxDestroy':
      return 'Delete folder';
    case 'saveDraft':
      return `Save draft “${intent.content.subject || '(no subject)'}”`;
    case 'discardDraft':
      return 'Discard a draft';
    case 'send':
      return `${intent.sendAt ? 'Schedule' : 'Send'} “${intent.content.subject || '(no subject)'}” to ${[...intent.content.to, ...intent.content.cc, ...intent.content.bcc].map((a) => a.email).join(', ')}${intent.sendAt ? ` for ${new Date(intent.sendAt).toLocaleString()}` : ''}`;
    case 'cancelScheduled':
      return `Cancel the scheduled “${intent.subject || '(no subject)'}”`;
    case 'identityUpdate': {
      const what = Object.keys(intent.patch).map((k) => IDENTITY_WORDS[k] ?? k);
      return `Change the ${what.join(' and ') || 'identity'} of an identity`;
    }
    case 'vacationUpdate':
      return 'Change the vacation response';
    case 'unsubscribe':
      return `Unsubscribe from ${intent.list}`;
  }
}
