/**
 * What a person can do offline, as typed intents. An intent is stored in the outbox table
 * (never evicted) together with its optimistic overlay, in one transaction; the flusher
 * turns intents into JMAP /set calls when the server can be reached.
 */
export type Id = string;

export interface Address {
  name?: string | null;
  email: string;
}

/** An attachment is either bytes on this device or a blob already on the server, never both. */
export interface DraftAttachment {
  /** The bytes, in db.outgoingBlobs until the message is sent (putOutgoingBlob). */
  outgoingBlobId?: string;
  /** A blob on the server (a forwarded message's attachment, or the message itself): sent by reference, never uploaded again. */
  blobId?: Id;
  name: string;
  type: string;
  size: number;
  /**
   * An image shown in the message itself (pasted or dropped into the editor): the HTML
   * references it as `cid:<cid>`, and it goes inline beside the HTML (bodyParts.ts).
   */
  cid?: string;
}

export interface DraftContent {
  from: Address;
  identityId?: Id;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  /** Always present: the plain-text version. */
  textBody: string;
  /** Present when written as rich text (already sanitized by the editor). */
  htmlBody?: string;
  inReplyTo?: string[];
  references?: string[];
  attachments: DraftAttachment[];
  /** A reply or forward: the keyword the original gets once this message is sent (not when queued). */
  answers?: { emailId: Id; keyword: '$answered' | '$forwarded' };
  /**
   * The Message-ID every server copy of this draft carries, one per composition (made when
   * it starts, or the Message-ID of the server draft it was opened from): each save, the
   * send and a discard destroy the copies that carry it, in the request that makes the
   * next one (send.ts). Filled by enqueue when absent.
   */
  draftMessageId?: string;
  /** A server draft this composition continues that carries no Message-ID: destroyed by id. */
  serverDraftId?: Id;
}

export type Intent =
  | { kind: 'keywords'; emailIds: Id[]; add?: string[]; remove?: string[] }
  /** `keywords`: set (true) or cleared (false) with the move, as spam and not-spam do. */
  | { kind: 'move'; emailIds: Id[]; fromMailboxId?: Id; toMailboxId: Id; keywords?: Record<string, boolean> }
  | { kind: 'destroy'; emailIds: Id[] }
  /** The inverse of a keywords or move intent the server may already have: each email as it was before (undo.ts). */
  | { kind: 'restore'; emails: Record<Id, EmailBefore> }
  | { kind: 'mailboxCreate'; localId: string; name: string; parentId: Id | null }
  | { kind: 'mailboxUpdate'; mailboxId: Id; name?: string; parentId?: Id | null }
  | { kind: 'mailboxDestroy'; mailboxId: Id }
  | { kind: 'saveDraft'; draftId: string; content: DraftContent }
  /**
   * `sendAt` (ms since the epoch): send later. The server holds the message until then
   * (RFC 4865 HOLDUNTIL in the submission's envelope; the account must offer
   * maxDelayedSend); a time already past when it reaches the server sends it at once.
   */
  | { kind: 'send'; draftId: string; content: DraftContent; identityId: Id; holdMs?: number; sendAt?: number }
  /**
   * A held submission canceled (`undoStatus: 'canceled'`): the message goes back to Drafts
   * as a draft. `subject` names it in words.
   */
  | { kind: 'cancelScheduled'; submissionId: Id; emailId: Id; subject: string }
  /** Discard: the composition's server copies go (those carrying draftMessageId, and serverDraftId). */
  | { kind: 'discardDraft'; draftId: string; draftMessageId?: string; serverDraftId?: Id }
  | { kind: 'identityUpdate'; identityId: Id; patch: IdentityPatch }
  | { kind: 'vacationUpdate'; patch: VacationPatch }
  /** RFC 8058 one-click unsubscribe: one POST of `List-Unsubscribe=One-Click` to `url` (https, or loopback http); `list` names it in words. */
  | { kind: 'unsubscribe'; url: string; list: string };

/**
 * What an identityUpdate sets, in absolute values (the properties RFC 8621 §6 lets a client
 * change). A textSignature is also the signature this device adds (src/store signatureOf).
 */
export type IdentityPatch = {
  name?: string;
  replyTo?: { name: string | null; email: string }[] | null;
  bcc?: { name: string | null; email: string }[] | null;
  textSignature?: string;
  htmlSignature?: string;
};

/** The id of an account's one VacationResponse (RFC 8621 §8). */
export const VACATION_ID = 'singleton';

/** What a vacationUpdate sets on the account's one VacationResponse ("singleton"), absolute. */
export type VacationPatch = {
  isEnabled?: boolean;
  fromDate?: string | null;
  toDate?: string | null;
  subject?: string | null;
  textBody?: string | null;
  htmlBody?: string | null;
};

export type IntentKind = Intent['kind'];

/**
 * What a keywords or move intent changed about one email, as the person saw it just
 * before (recorded at enqueue time): its mailboxes (moves) and the keywords it touched.
 */
export interface EmailBefore {
  mailboxIds?: Record<Id, true>;
  keywords?: Record<string, boolean>;
}

/**
 * The intent with every folder id it names passed through `f`: a move's folders, a new
 * folder's parent, the folder an update or delete is about and its new parent. Not the
 * local id a mailboxCreate makes.
 */
export function withMailboxIds(intent: Intent, f: (id: Id) => Id): Intent {
  switch (intent.kind) {
    case 'move':
      return { ...intent, toMailboxId: f(intent.toMailboxId), ...(intent.fromMailboxId ? { fromMailboxId: f(intent.fromMailboxId) } : {}) };
    case 'mailboxCreate':
      return intent.parentId ? { ...intent, parentId: f(intent.parentId) } : intent;
    case 'mailboxUpdate':
      return { ...intent, mailboxId: f(intent.mailboxId), ...(intent.parentId ? { parentId: f(intent.parentId) } : {}) };
    case 'mailboxDestroy':
      return { ...intent, mailboxId: f(intent.mailboxId) };
    default:
      return intent;
  }
}

/** The folder ids an intent names (those withMailboxIds passes through). */
export function mailboxIdsOf(intent: Intent): Id[] {
  const ids: Id[] = [];
  withMailboxIds(intent, (id) => (ids.push(id), id));
  return ids;
}

/** Where an item is: held (undo window), waiting, sending (outcome unknown until checked), failed. */
export type ItemState = 'held' | 'waiting' | 'sending' | 'failed';

/**
 * `notBefore` of items whose request the server refused to authenticate: no timer takes
 * them up again; a new flusher (made after a sign-in the server accepted) or an urgent
 * wake (the person acted, the network came back) does.
 */
export const UNTIL_SIGNED_IN = Number.POSITIVE_INFINITY;

/** A row of the outbox table. */
export interface OutboxItem {
  id: string;
  accountId: string;
  /** Strictly increasing per device: the order intents are applied in. */
  createdAt: number;
  intent: Intent;
  state: ItemState;
  /** Failures so far (backoff grows with them). */
  attempts: number;
  /** Not flushed before this time (undo window, backoff); UNTIL_SIGNED_IN: after a new sign-in. */
  notBefore: number;
  /** Why it failed, in words. */
  reason?: string;
  /** send: the Message-ID generated for the message (exactly-once lookups); saveDraft: the draft's (draftMessageId). */
  messageId?: string;
  /**
   * saveDraft, send, discardDraft: the composition's last server copy known (the db.drafts
   * row's serverId when queued, or learned from an earlier save since): destroyed by id
   * beside the Message-ID query, which a server may answer from a search index that has
   * not seen a copy made a moment ago (Cyrus with Xapian).
   */
  serverDraftId?: Id;
  /** A request carrying this item was sent and no answer came back: check before resending. */
  uncertain?: boolean;
  /** Mail intents: an Email/set carrying this item got no answer; it was guarded with this Email state. */
  sentEmailState?: string;
  /** Folder renames and moves: a Mailbox/set carrying this item got no answer; the mirror's Mailbox state then. */
  sentMailboxState?: string;
  /** keywords and move: each email as the person saw it before (what undo puts back). */
  before?: Record<Id, EmailBefore>;
  /**
   * Mail intents: an Email/set pass holds it (set and cleared by emailPass.ts). An undo
   * then queues the inverse instead of dropping it: the request may land.
   */
  inFlight?: boolean;
  /** identityUpdate of a textSignature: the signature this device added before (restored if the server refuses). */
  signatureBefore?: string | null;
  [extra: string]: unknown;
}

/**
 * What an intent changes about one object, in absolute terms (so applying it again is a
 * no-op, and merging it over a row the server has already updated changes nothing).
 */
export interface EmailPatch {
  /** keyword -> true (set) / false (cleared). */
  keywords?: Record<string, boolean>;
  /** The email's mailboxes afterwards. */
  mailboxIds?: Record<Id, true>;
  destroyed?: true;
}

export interface MailboxPatch {
  created?: { name: string; parentId: Id | null };
  name?: string;
  parentId?: Id | null;
  destroyed?: true;
}

interface OverlayBase {
  /** `${intentId}:${objectId}` */
  id: string;
  accountId: string;
  objectId: string;
  intentId: string;
  createdAt: number;
  /**
   * The server accepted the change; the overlay stays until the next sync has brought it
   * into the mirror (so nothing flickers back meanwhile), then goes.
   */
  done?: boolean;
  [extra: string]: unknown;
}

/** What an intent shows for one email until the server has it. */
export interface EmailOverlay extends OverlayBase {
  type: 'Email';
  patch: EmailPatch;
}

/** What an intent shows for one folder until the server has it. */
export interface MailboxOverlay extends OverlayBase {
  type: 'Mailbox';
  patch: MailboxPatch;
}

/** What an identityUpdate shows for one identity until the server has it. */
export interface IdentityOverlay extends OverlayBase {
  type: 'Identity';
  patch: IdentityPatch;
}

/** What a vacationUpdate shows for the VacationResponse ("singleton") until the server has it. */
export interface VacationOverlay extends OverlayBase {
  type: 'VacationResponse';
  patch: VacationPatch;
}

/** A row of the overlays table: `type` says which patch it holds. */
export type OverlayRow = EmailOverlay | MailboxOverlay | IdentityOverlay | VacationOverlay;

export interface Notice {
  id: string;
  accountId: string;
  createdAt: number;
  text: string;
  [extra: string]: unknown;
}
