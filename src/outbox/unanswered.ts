/**
 * Requests whose answer never came (the network went, a timeout, a cut answer): an
 * Email/set, or a Mailbox/set renaming or moving a folder.
 *
 * Email/set requests whose answer never came:
 * the server may or may not have applied them. JMAP has no receipt for a /set, so before
 * such items are sent again the pass asks what changed since the state the request was
 * guarded with (it carried ifInState, so it could only apply on that state):
 * - an email not changed since: the request did not land; it is planned and sent as usual;
 * - changed, and the mirror (synced first) already shows the intent: it landed, nothing to send;
 * - changed, and the mirror shows something else: it may have landed and been changed
 *   elsewhere since. Sending it again would undo that other change (seen by the
 *   convergence fuzz, testing/fuzz), so the other change is kept and a notice says so.
 * When the server lost that history (cannotCalculateChanges), nothing can be told: the
 * person's change is sent again, as before.
 *
 * Folder renames and moves the same way, by Mailbox/changes since the mirror's Mailbox
 * state when they were sent (Mailbox/set carries no ifInState, so "changed since" may
 * also be someone else's change from before ours landed: that one is kept too, and said).
 */
import { classify, HttpError, MethodError, NetworkError, ProtocolError, TimeoutError } from '../jmap/index.ts';
import type { EmailRecord } from '../sync/index.ts';
import type { FlusherOptions } from './flushOptions.ts';
import type { EmailOverlay, OutboxItem } from './intents.ts';
import { describeIntent } from './queueReads.ts';
import { addNotice, items, overlays } from './tables.ts';

/** Whether a failed request may still have been applied by the server (no answer was read). */
export function answerUnknown(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof ProtocolError ||
    (error instanceof HttpError && error.status >= 500)
  );
}

/** Remembers, on each item sent, the state its request was guarded with (the first such, if tried again). */
export async function markSent(options: FlusherOptions, list: readonly OutboxItem[], state: string): Promise<void> {
  await options.db.transaction('rw', options.db.outbox, async () => {
    for (const item of list) {
      const fresh = await items(options.db).get(item.id);
      if (fresh && !fresh.sentEmailState) await items(options.db).update(item.id, { sentEmailState: state });
    }
  });
}

/** The overlays still to plan after checking what an unanswered request did. */
export async function settleUnanswered(
  options: FlusherOptions,
  list: readonly OutboxItem[],
  live: EmailOverlay[],
): Promise<EmailOverlay[]> {
  const { db, accountId, client } = options;
  const unsure = list.filter((i) => i.sentEmailState);
  if (unsure.length === 0) return live;
  // The mirror first: what landed (ours or anyone's) is in it afterwards.
  await options.onNeedSync();
  const changed = new Set<string>();
  try {
    for (const since of new Set(unsure.map((i) => i.sentEmailState!))) {
      let state = since;
      for (let round = 0; round < 50; round++) {
        const r = await client.call('Email/changes', { sinceState: state, maxChanges: client.limits.maxObjectsInGet });
        for (const id of [...r.created, ...r.updated, ...r.destroyed]) changed.add(id);
        if (!r.hasMoreChanges || r.newState === state) break;
        state = r.newState;
      }
    }
  } catch (error) {
    if (!(error instanceof MethodError && classify(error).action === 'resync')) throw error;
    // The server lost that history (Cyrus 3.6 does after a folder is deleted or mail is
    // expunged): nothing tells what landed, so the person's change is sent as before.
    await db.transaction('rw', db.outbox, async () => {
      for (const item of unsure) await items(db).update(item.id, { sentEmailState: undefined });
    });
    return live;
  }
  const unsureIds = new Set(unsure.map((i) => i.id));
  const rows = await db.emails.bulkGet(live.map((o) => [accountId, o.objectId] as [string, string]));
  const kept: EmailOverlay[] = [];
  const overtaken: EmailOverlay[] = [];
  for (const [i, o] of live.entries()) {
    const row = rows[i];
    // A destroy that landed leaves no row; one that did not is simply sent again.
    if (!unsureIds.has(o.intentId) || !changed.has(o.objectId) || !row || o.patch.destroyed || shows(row, o)) kept.push(o);
    else overtaken.push(o);
  }
  await db.transaction('rw', [db.outbox, db.overlays, db.notices], async () => {
    for (const item of unsure) await items(db).update(item.id, { sentEmailState: undefined });
    // The person sees the change made elsewhere at once (as for a refused change).
    if (overtaken.length) await overlays(db).bulkDelete(overtaken.map((o) => o.id));
    for (const intentId of new Set(overtaken.map((o) => o.intentId))) {
      const item = unsure.find((i) => i.id === intentId);
      const what = item ? describeIntent(item.intent) : 'A change';
      await addNotice(
        db,
        accountId,
        `${what} may have been undone: the server's answer was lost, and the message was changed elsewhere meanwhile; that change was kept.`,
      );
    }
  });
  return kept;
}

/** The row already holds what the overlay asks for. */
function shows(row: EmailRecord, o: EmailOverlay): boolean {
  const p = o.patch;
  for (const [k, on] of Object.entries(p.keywords ?? {})) if ((row.keywords[k] === true) !== on) return false;
  if (p.mailboxIds) {
    const a = Object.keys(p.mailboxIds).sort().join();
    const b = Object.keys(row.mailboxIds).sort().join();
    if (a !== b) return false;
  }
  return true;
}

/** Folder updates sent without an answer remember the mirror's Mailbox state of that moment. */
export async function markFoldersSent(options: FlusherOptions, list: readonly OutboxItem[]): Promise<void> {
  const { db, accountId } = options;
  const state = (await db.states.get([accountId, 'Mailbox']))?.state;
  if (!state) return;
  await db.transaction('rw', db.outbox, async () => {
    for (const item of list) {
      if (item.intent.kind !== 'mailboxUpdate') continue;
      const fresh = await items(db).get(item.id);
      if (fresh && !fresh.sentMailboxState) await items(db).update(item.id, { sentMailboxState: state });
    }
  });
}

/** The folder items still to send after checking what an unanswered rename or move did. */
export async function settleUnansweredFolders(options: FlusherOptions, list: OutboxItem[]): Promise<OutboxItem[]> {
  const { db, accountId, client } = options;
  const unsure = list.filter((i) => i.intent.kind === 'mailboxUpdate' && i.sentMailboxState);
  if (unsure.length === 0) return list;
  await options.onNeedSync();
  const changed = new Set<string>();
  const forget = () =>
    db.transaction('rw', db.outbox, async () => {
      for (const item of unsure) await items(db).update(item.id, { sentMailboxState: undefined });
    });
  try {
    for (const since of new Set(unsure.map((i) => i.sentMailboxState!))) {
      let state = since;
      for (let round = 0; round < 50; round++) {
        const r = await client.call('Mailbox/changes', { sinceState: state });
        for (const id of [...r.updated, ...r.destroyed]) changed.add(id);
        if (!r.hasMoreChanges || r.newState === state) break;
        state = r.newState;
      }
    }
  } catch (error) {
    if (!(error instanceof MethodError && classify(error).action === 'resync')) throw error;
    await forget();
    return list;
  }
  const done: OutboxItem[] = [];
  for (const item of unsure) {
    if (item.intent.kind !== 'mailboxUpdate' || !changed.has(item.intent.mailboxId)) continue;
    const { mailboxId, name, parentId } = item.intent;
    const row = await db.mailboxes.get([accountId, mailboxId]);
    const landed = !!row && (name === undefined || row.name === name) && (parentId === undefined || (row.parentId ?? null) === parentId);
    done.push(item);
    await db.transaction('rw', [db.outbox, db.overlays, db.notices], async () => {
      await items(db).delete(item.id);
      if (landed) {
        await overlays(db).where('intentId').equals(item.id).modify({ done: true });
        return;
      }
      await overlays(db).where('intentId').equals(item.id).delete();
      await addNotice(
        db,
        accountId,
        `${describeIntent(item.intent)} may have been undone: the server's answer was lost, and the folder was changed elsewhere meanwhile; that change was kept.`,
      );
    });
  }
  await forget();
  return list.filter((i) => !done.includes(i));
}
