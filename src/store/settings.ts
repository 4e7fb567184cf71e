/**
 * Every row of the settings table, declared once: its key (or the key builder) and the
 * decoder that reads a stored value back. Values come from older builds, other tabs and
 * hand edits in devtools, so they are decoded, never cast: anything unexpected reads as the
 * setting's fallback.
 *
 * Two scopes, told apart by the key:
 * - device settings (theme, sync, attachment budget, senders whose images show) belong to
 *   this device and stay when an account is signed out;
 * - account settings have keys `<namespace>:<accountId>` or `<namespace>:<accountId>:<rest>`
 *   with a namespace listed in ACCOUNT_NAMESPACES, which is how forgetAccount finds them all.
 *   A new account setting must use `accountKey`, or sign-out would leave it behind.
 */
import type { Identity } from '../jmap/index.ts';
import type { MailDb } from './db.ts';
import type { Setting } from './setting.ts';

export { readSetting, readSettings, writeSetting, THEME, DENSITY, type Setting, type Theme } from './setting.ts';

const ACCOUNT_NAMESPACES = [
  'identities',
  'identitiesReadAt',
  'contactCards',
  'signature',
  'sendingAddress',
  'uploadLimit',
  'delayedSendLimit',
  'idAlias',
  'webPush',
  'offlineLeftOut',
] as const;
type AccountNamespace = (typeof ACCOUNT_NAMESPACES)[number];

const accountKey = (namespace: AccountNamespace, accountId: string, ...rest: string[]) => [namespace, accountId, ...rest].join(':');

const finiteAtLeast = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min;
const stringOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

// -- device settings ---------------------------------------------------------------------

export interface SyncSettings {
  pollIntervalMs: number;
  /** Days of mail whose text is kept offline; null: all of it (the default). */
  offlineWindowDays: number | null;
  /** Room for message text on this device; null: automatic (the smaller of 2 GB and a fifth of the quota). */
  bodyBudgetBytes: number | null;
  /** Attachments kept offline by themselves: each at most this size (null: any size) ... */
  attachmentMaxBytes: number | null;
  /** ... of mail received in the last N days (null: all mail). */
  attachmentWindowDays: number | null;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  pollIntervalMs: 60_000,
  offlineWindowDays: null,
  bodyBudgetBytes: null,
  attachmentMaxBytes: 5 * 1024 * 1024,
  attachmentWindowDays: 30,
};

/** A stored null is the person's "none"/"all"; anything else unexpected (absent: an older build) is the default. */
const numberOrNull = (v: unknown, fallback: number | null): number | null => (v === null ? null : finiteAtLeast(v, 0) ? v : fallback);

export const SYNC: Setting<SyncSettings> = {
  key: 'sync',
  decode: (v) => {
    const { pollIntervalMs, offlineWindowDays, bodyBudgetBytes, attachmentMaxBytes, attachmentWindowDays } = record(v);
    return {
      // Below 2 s polling would hammer a server; the floor is for tests and impatient people.
      pollIntervalMs: finiteAtLeast(pollIntervalMs, 2000) ? pollIntervalMs : DEFAULT_SYNC_SETTINGS.pollIntervalMs,
      offlineWindowDays: finiteAtLeast(offlineWindowDays, 0) ? offlineWindowDays : DEFAULT_SYNC_SETTINGS.offlineWindowDays,
      bodyBudgetBytes: finiteAtLeast(bodyBudgetBytes, 0) ? bodyBudgetBytes : DEFAULT_SYNC_SETTINGS.bodyBudgetBytes,
      attachmentMaxBytes: numberOrNull(attachmentMaxBytes, DEFAULT_SYNC_SETTINGS.attachmentMaxBytes),
      attachmentWindowDays: numberOrNull(attachmentWindowDays, DEFAULT_SYNC_SETTINGS.attachmentWindowDays),
    };
  },
};

export interface AttachmentSettings {
  /** Room for opened attachments and inline images on this device, oldest dropped first. */
  budgetBytes: number;
}

export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = { budgetBytes: 200 * 1024 * 1024 };

export const ATTACHMENTS: Setting<AttachmentSettings> = {
  key: 'offline:attachments',
  decode: (v) => {
    const { budgetBytes } = record(v);
    return { budgetBytes: finiteAtLeast(budgetBytes, 0) ? budgetBytes : DEFAULT_ATTACHMENT_SETTINGS.budgetBytes };
  },
};

/** The person chose to always show remote images from this sender (addresses compare case-blind). */
export const remoteImagesFrom = (sender: string): Setting<boolean> => ({
  key: `remote:${sender.toLowerCase()}`,
  decode: (v) => v === true,
});

/**
 * This account was signed out on this device (set by forgetAccount, cleared by a new
 * sign-in): the mirror refuses writes for it, so an engine still finishing a cycle, or
 * a worker slow to stop, cannot fill the wiped mirror again. A device fact, not one of
 * the account's settings: it outlives the wipe, so its key holds a digest of the account
 * id, not the id (nothing readable of the account stays). Async for the digest: take it
 * before a transaction (an await of anything but Dexie inside one ends it).
 */
export function signedOut(accountId: string): Promise<Setting<boolean>> {
  // Asked before every mirror write: the digest once per account, not once per write.
  let setting = signedOutSettings.get(accountId);
  if (!setting) {
    setting = crypto.subtle.digest('SHA-256', new TextEncoder().encode(accountId)).then((digest) => {
      const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      return { key: `signedOut:${hex}`, decode: (v: unknown) => v === true };
    });
    signedOutSettings.set(accountId, setting);
  }
  return setting;
}
const signedOutSettings = new Map<string, Promise<Setting<boolean>>>();

/** The person turned new-mail notifications on (Settings; Web Push where the server offers it). */
export const NOTIFICATIONS: Setting<boolean> = { key: 'notifications', decode: (v) => v === true };

/** This device's deviceClientId for JMAP push subscriptions (RFC 8620 7.2): made once, kept. */
export const PUSH_DEVICE_ID: Setting<string | null> = { key: 'pushDevice', decode: stringOrNull };

// -- account settings --------------------------------------------------------------------

/** The identities last read from the server, for compose while offline; null: never read. */
export const keptIdentities = (accountId: string): Setting<Identity[] | null> => ({
  key: accountKey('identities', accountId),
  decode: (v) =>
    Array.isArray(v) ? v.filter((i): i is Identity => typeof record(i).id === 'string' && typeof record(i).email === 'string') : null,
});

/** The addresses of the account's contact cards (RFC 9610) last read, for suggestions offline; null: never read. */
export const keptContactCards = (accountId: string): Setting<{ name: string | null; email: string }[] | null> => ({
  key: accountKey('contactCards', accountId),
  decode: (v) =>
    Array.isArray(v)
      ? v
          .filter((c) => typeof record(c).email === 'string')
          .map((c) => ({ name: stringOrNull(record(c).name), email: record(c).email as string }))
      : null,
});

/** When keptIdentities was last read from the server (ms since the epoch); null: never. */
export const identitiesReadAt = (accountId: string): Setting<number | null> => ({
  key: accountKey('identitiesReadAt', accountId),
  decode: (v) => (finiteAtLeast(v, 0) ? v : null),
});

/**
 * The signature this device adds for an identity. Identity ids are the server's and two
 * accounts can share one (Cyrus names an account's identity by the bare username), hence
 * the account in the key; builds before this registry keyed it by the identity alone.
 */
export const signatureOf = (accountId: string, identityId: string): Setting<string | null> => ({
  key: accountKey('signature', accountId, identityId),
  legacyKey: `signature:${identityId}`,
  decode: stringOrNull,
});

/**
 * The address the person gave for an identity the server lists without one (Cyrus 3.6
 * when usernames carry no domain), asked once in compose and used as its From.
 */
export const sendingAddressOf = (accountId: string, identityId: string): Setting<string | null> => ({
  key: accountKey('sendingAddress', accountId, identityId),
  decode: stringOrNull,
});

/**
 * The folders whose mail's text this device does not keep offline (the person's choice in
 * Settings); every other folder's is kept, within the budget. Mailbox ids of the server.
 */
export const offlineLeftOut = (accountId: string): Setting<string[]> => ({
  key: accountKey('offlineLeftOut', accountId),
  decode: (v) => (Array.isArray(v) ? v.filter((id): id is string => typeof id === 'string') : []),
});

/** The session's maxSizeUpload last read (bytes), so compose refuses a file too big offline too; null: never read. */
export const uploadLimitOf = (accountId: string): Setting<number | null> => ({
  key: accountKey('uploadLimit', accountId),
  decode: (v) => (finiteAtLeast(v, 1) ? v : null),
});

/** How far ahead (seconds) the server holds mail (send later) last read, so compose offers it offline too; null: never read. */
export const delayedSendLimitOf = (accountId: string): Setting<number | null> => ({
  key: accountKey('delayedSendLimit', accountId),
  decode: (v) => (finiteAtLeast(v, 0) ? v : null),
});

/** The server's id of a folder made on this device under a local id (src/outbox/idAliases.ts). */
export const idAlias = (accountId: string, localId: string): Setting<string | null> => ({
  key: accountKey('idAlias', accountId, localId),
  decode: stringOrNull,
});

/** The account's JMAP PushSubscription made for this browser's push subscription. */
export interface KeptPushSubscription {
  id: string;
  /** The browser's push endpoint it was made for (a new endpoint needs a new subscription). */
  endpoint: string;
  /** When the server lets it lapse (ms); renewed a day before. */
  expiresMs: number | null;
  /** The server's verification code was set. */
  verified: boolean;
}

export const webPushSubscription = (accountId: string): Setting<KeptPushSubscription | null> => ({
  key: accountKey('webPush', accountId),
  decode: (v) => {
    const { id, endpoint, expiresMs, verified } = record(v);
    if (typeof id !== 'string' || typeof endpoint !== 'string') return null;
    return { id, endpoint, expiresMs: finiteAtLeast(expiresMs, 0) ? expiresMs : null, verified: verified === true };
  },
});

/**
 * New mail up to this receivedAt (ms) was notified, and of the mail at exactly that time
 * these ids (receivedAt has whole seconds: more mail can come in the same second).
 */
export interface NotifiedMark {
  ms: number;
  ids: string[];
}

export const notifiedUpTo = (accountId: string): Setting<NotifiedMark | null> => ({
  key: accountKey('webPush', accountId, 'notifiedUpTo'),
  decode: (v) => {
    const { ms, ids } = record(v);
    return finiteAtLeast(ms, 0) ? { ms, ids: Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [] } : null;
  },
});

/** Deletes every account setting of `accountId` (in the caller's transaction when there is one). */
export async function forgetAccountSettings(db: MailDb, accountId: string): Promise<void> {
  for (const namespace of ACCOUNT_NAMESPACES) {
    await db.settings.delete(accountKey(namespace, accountId));
    await db.settings
      .where('key')
      .startsWith(`${accountKey(namespace, accountId)}:`)
      .delete();
  }
}
