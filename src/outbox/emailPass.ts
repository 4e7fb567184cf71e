/**
 * The email pass: every ready keyword, move and destroy intent, coalesced (plan.ts) into
 * Email/set calls of at most maxObjectsInSet objects, each guarded by ifInState.
 */
import { chunkSetArgs, type SetError } from '../jmap/index.ts';
import type { MailDb } from '../store/index.ts';
import type { EmailRecord } from '../sync/index.ts';
import { mayReachServer, type FlusherOptions } from './flushOptions.ts';
import type { EmailOverlay, OutboxItem } from './intents.ts';
import { accept, fail, refuse } from './outcomes.ts';
import { answerUnknown, markSent, settleUnanswered } from './unanswered.ts';
import { planEmailSet } from './plan.ts';
import { describeIntent } from './queueReads.ts';
import { accountOverlays, addNotice, items, overlays } from './tables.ts';

export async function flushEmails(options: FlusherOptions, given: OutboxItem[]): Promise<void> {
  const list = await holdInFlight(options.db, given);
  try {
    if (list.length) await flushHeld(options, list);
  } finally {
    // Accepted items are gone; the rest are free to be dropped by an undo again. (A crash
    // leaves the mark: an undo then queues the inverse, which is always safe.)
    await items(options.db)
      .where(':id')
      .anyOf(list.map((i) => i.id))
      .modify((i) => void delete i.inFlight)
      .catch(() => undefined);
  }
}

/**
 * Marks the pass's items in flight, in one transaction with the check that each is still
 * there: an undo (undo.ts) either came first and dropped the intent (it is not sent) or
 * comes after and sees it in flight (it queues the inverse). Never both, never neither.
 */
async function holdInFlight(db: MailDb, list: OutboxItem[]): Promise<OutboxItem[]> {
  return db.transaction('rw', db.outbox, async () => {
    const fresh = await items(db).bulkGet(list.map((i) => i.id));
    const held = fresh.filter((i): i is OutboxItem => !!i && i.state !== 'failed').map((i) => ({ ...i, inFlight: true }));
    await items(db).bulkPut(held);
    return held;
  });
}

/** Intents on emails gone from the mirror (destroyed on the server): dropped, with a notice. */
async function dropGone(db: MailDb, accountId: string, list: EmailOverlay[], server: Map<string, EmailRecord>): Promise<void> {
  const gone = list.filter((o) => !server.has(o.objectId));
  if (gone.length === 0) return;
  await db.transaction('rw', [db.overlays, db.notices], async () => {
    await overlays(db).bulkDelete(gone.map((o) => o.id));
    await addNotice(
      db,
      accountId,
      `${gone.length === 1 ? 'A message you changed was' : `${gone.length} messages you changed were`} deleted on the server meanwhile; what you did to ${gone.length === 1 ? 'it' : 'them'} was dropped.`,
    );
  });
}

/** The mirror's rows of these emails and the Email state they belong to, in one read. */
async function readMirror(db: MailDb, accountId: string, emailIds: string[]) {
  return db.transaction('r', [db.states, db.emails], async () => {
    const ifInState = (await db.states.get([accountId, 'Email']))?.state;
    const rows = await db.emails.bulkGet(emailIds.map((id) => [accountId, id] as [string, string]));
    return { ifInState, server: new Map(rows.filter((r): r is EmailRecord => !!r).map((r) => [r.id, r])) };
  });
}

async function flushHeld(options: FlusherOptions, list: OutboxItem[]): Promise<void> {
  const { db, accountId, client } = options;
  const ids = new Set(list.map((i) => i.id));
  const pendingOverlays = (await accountOverlays(db, accountId)).filter((o) => o.type === 'Email').filter((o) => ids.has(o.intentId));
  const emailIds = [...new Set(pendingOverlays.map((o) => o.objectId))];
  const { server: before } = await readMirror(db, accountId, emailIds);
  await dropGone(db, accountId, pendingOverlays, before);
  let live = pendingOverlays.filter((o) => before.has(o.objectId));
  try {
    live = await settleUnanswered(options, list, live);
    live = await dropMovesToMissingFolders(options, list, live);
  } catch (error) {
    await fail(options, list, error, true);
    return;
  }
  // Planned against the mirror and guarded with the state it was made against: if anything
  // changed on the server since (another client, or this device's own request whose answer
  // was lost before a crash), it answers stateMismatch; the next try plans again after a
  // sync. No sync up front: the common case costs one request, not two.
  // Rows and state are read again, together, AFTER the checks above: they wait on the
  // network (and settleUnanswered syncs), and a sync landing meanwhile would otherwise pair
  // rows from before it with the state after it. Seen on a clean-clone CI run: an archive
  // undone while in flight queued a restore; the pass read the row (still Inbox), a sync
  // brought the archive and its state during the Mailbox/get check, the plan said "nothing
  // to send", the empty Email/set guarded with the new state was accepted, and the message
  // stayed archived on the server.
  const { server, ifInState } = await readMirror(db, accountId, emailIds);
  // Gone meanwhile (that sync brought a destroy): told like the ones gone before.
  await dropGone(db, accountId, live, server);
  live = live.filter((o) => server.has(o.objectId));
  const plan = planEmailSet(server, live);
  const args = {
    ...(ifInState ? { ifInState } : {}),
    ...(Object.keys(plan.update).length ? { update: plan.update } : {}),
    ...(plan.destroy.length ? { destroy: plan.destroy } : {}),
  };
  // Split by maxObjectsInSet (chunkSetArgs), one request per piece, each guarded by the state
  // the piece before left. Not client.setInChunks: it sends every piece in ONE request with
  // ifInState on the first piece only, so when the first answers stateMismatch the server
  // still applies the later pieces, unguarded, from a plan made against a stale mirror (what
  // the guard is there to prevent); and it rejects at the first method error, dropping the
  // answers (notUpdated) of the pieces that were applied.
  // Nothing to send is a verdict made against the mirror, which may be behind the server
  // (offline, a star and an unstar queued while someone else starred it: the queue was
  // emptied and the star elsewhere stayed; the fuzz, seed 551 with 20 ops). The empty call,
  // guarded like any other, confirms it (stateMismatch: sync and plan again).
  const pieces = args.update || args.destroy ? chunkSetArgs(args, client.limits.maxObjectsInSet) : live.length && ifInState ? [args] : [];
  let guard = ifInState;
  // Offline when sent: it cannot have landed, so a failure needs no check afterwards.
  const mayLand = mayReachServer(options);
  try {
    let newState: string | undefined;
    for (const [i, piece] of pieces.entries()) {
      guard = i > 0 && newState ? newState : ifInState;
      const res = await client.call('Email/set', i > 0 && newState ? { ...piece, ifInState: newState } : piece);
      newState = res.newState ?? undefined;
      const refused: [string, SetError][] = [
        ...Object.entries(res.notUpdated ?? {}),
        ...Object.entries(res.notDestroyed ?? {}).filter(([, e]) => e.type !== 'notFound'),
      ];
      for (const [id, error] of refused) {
        const rowsForEmail = live.filter((o) => o.objectId === id);
        const intent = list.find((item) => item.id === rowsForEmail[0]?.intentId)?.intent;
        await refuse(db, accountId, rowsForEmail, intent ? describeIntent(intent) : 'A change', error);
      }
    }
  } catch (error) {
    // No answer: it may have landed. The next try asks before sending it again (unanswered.ts).
    if (guard && mayLand && answerUnknown(error)) await markSent(options, list, guard);
    await fail(options, list, error, true);
    return;
  }
  await accept(
    db,
    list.map((i) => i.id),
  );
}

/**
 * Surprise from Cyrus 3.6: an Email/set that moves a message into a folder that no longer
 * exists answers `updated`, takes the message out of its old folder, and the message is
 * gone for good (Email/get says notFound). So before moving, ask whether the target
 * folders still exist (one small Mailbox/get) and refuse moves into missing ones here.
 */
async function dropMovesToMissingFolders(options: FlusherOptions, list: OutboxItem[], live: EmailOverlay[]): Promise<EmailOverlay[]> {
  const { db, accountId, client } = options;
  const targets = [...new Set(live.flatMap((o) => Object.keys(o.patch.mailboxIds ?? {})))];
  if (targets.length === 0) return live;
  const got = await client.call('Mailbox/get', { ids: targets, properties: ['id'] });
  const missing = new Set(got.notFound ?? []);
  if (missing.size === 0) return live;
  const doomed = live.filter((o) => Object.keys(o.patch.mailboxIds ?? {}).some((m) => missing.has(m)));
  for (const intentId of new Set(doomed.map((o) => o.intentId))) {
    const item = list.find((i) => i.id === intentId);
    await refuse(
      db,
      accountId,
      doomed.filter((o) => o.intentId === intentId),
      item ? describeIntent(item.intent) : 'A move',
      {
        type: 'notFound',
        description: 'the folder it was moved to no longer exists',
      },
    );
  }
  return live.filter((o) => !doomed.includes(o));
}
