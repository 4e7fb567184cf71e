/**
 * Forgetting an account: its mirror alone (a mirror found inconsistent beyond repair:
 * the outbox and its overlays are left alone, what a person queued is never a side effect
 * of dropping a cache), or everything the device keeps for it (sign-out, forgetAccount).
 */
import type { MailDb } from './db.ts';
import { accountRange } from './keys.ts';
import { forgetAccountSettings, signedOut, writeSetting } from './settings.ts';

export async function forgetMirror(db: MailDb, accountId: string): Promise<void> {
  const [lo, hi] = accountRange(accountId);
  const keyed = [db.mailboxes, db.threads, db.emails, db.threadInMailbox, db.bodies, db.blobs, db.queries, db.states];
  // The search index is made of the mirror: it goes with it.
  const search = [db.searchDocs, db.searchTerms];
  await db.transaction('rw', [...keyed, ...search, db.searchMeta, db.progress, db.syncStatus, db.usage], async () => {
    for (const table of keyed) await table.where(':id').between(lo, hi).delete();
    for (const table of search) await table.where(':id').between(lo, hi).delete();
    await db.searchMeta.delete(accountId);
    await db.progress.delete(accountId);
    await db.syncStatus.delete(accountId);
    await db.usage.delete(accountId);
  });
}

/** The attachment ids a stored outbox intent or draft names (their content's attachments). */
function attachmentIds(row: unknown): string[] {
  const content = (row as { intent?: { content?: unknown }; content?: unknown }).intent?.content ?? (row as { content?: unknown }).content;
  const list = (content as { attachments?: { outgoingBlobId?: unknown }[] } | undefined)?.attachments;
  return Array.isArray(list) ? list.flatMap((a) => (typeof a?.outgoingBlobId === 'string' ? [a.outgoingBlobId] : [])) : [];
}

/**
 * Everything this device keeps for one account, and nothing of any other: the sign-in,
 * the mirror, the outbox and its overlays, notices, drafts, unsent attachment bytes, the
 * search index, and the account's own settings (settings.ts: identities kept for offline
 * compose, signatures, the outbox's local-id aliases). Device choices (theme, sync and
 * attachment budgets, senders whose images show) are the device's and stay.
 *
 * The sign-in goes first, in its own transaction, with the account marked signed out: an
 * engine started again by another tab's heartbeat from then on finds no credentials and
 * no account, and one still running (a worker slow to stop) has its writes refused, so
 * nothing it does survives the wipe.
 *
 * Unsent attachment bytes written before schema 3 carry no account: such a row goes when
 * this account's outbox or drafts name it, or when nothing of any other account does (it
 * is then nobody's), never when another account's message still needs it.
 */
export async function forgetAccount(db: MailDb, accountId: string): Promise<void> {
  const marker = await signedOut(accountId);
  await db.transaction('rw', [db.accounts, db.credentials, db.settings], async () => {
    await db.credentials.delete(accountId);
    await db.accounts.delete(accountId);
    // From here on the mirror refuses this account's writes (dexieCache.ts): a sync that
    // was still running when the page asked its engine to stop cannot write it back.
    await writeSetting(db, marker, true);
  });
  await forgetMirror(db, accountId);
  const tables = [
    db.accounts,
    db.credentials,
    db.outbox,
    db.overlays,
    db.notices,
    db.drafts,
    db.searchIndex,
    db.outgoingBlobs,
    db.settings,
  ];
  await db.transaction('rw', tables, async () => {
    await db.credentials.delete(accountId);
    await db.accounts.delete(accountId);
    const outbox = db.outbox.where('[accountId+createdAt]').between([accountId, -Infinity], [accountId, Infinity]);
    const drafts = db.drafts.where('[accountId+updatedAt]').between([accountId, -Infinity], [accountId, Infinity]);
    const others = [
      ...(await db.outbox.filter((r) => r.accountId !== accountId).toArray()),
      ...(await db.drafts.filter((r) => r.accountId !== accountId).toArray()),
    ];
    const neededElsewhere = new Set(others.flatMap(attachmentIds));
    // Keys only (the rows hold the bytes): every row, minus those the accountId index has.
    const owned = new Set(await db.outgoingBlobs.orderBy('accountId').primaryKeys());
    const legacy = (await db.outgoingBlobs.toCollection().primaryKeys()).filter((id) => !owned.has(id));
    await db.outgoingBlobs.bulkDelete(legacy.filter((id) => !neededElsewhere.has(id)));
    await db.outgoingBlobs.where('accountId').equals(accountId).delete();
    await outbox.delete();
    await drafts.delete();
    await db.overlays.where('[accountId+objectId]').between([accountId, ''], [accountId, '\uffff']).delete();
    await db.notices.where('[accountId+createdAt]').between([accountId, -Infinity], [accountId, Infinity]).delete();
    await db.searchIndex.delete(accountId);
    await forgetAccountSettings(db, accountId);
  });
}
