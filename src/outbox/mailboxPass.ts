/**
 * The mailbox pass: folder intents in one Mailbox/set per round. A folder made on this
 * device is named by its local id until the server has made it; what names it waits for
 * the next round of the same pass, rewritten to the server's id (idAliases.ts).
 */
import { mayReachServer, type FlusherOptions } from './flushOptions.ts';
import { mailboxIdsOf, type OutboxItem } from './intents.ts';
import { mapLocalId } from './idAliases.ts';
import { accept, fail, refuse } from './outcomes.ts';
import { describeIntent } from './queueReads.ts';
import { answerUnknown, markFoldersSent, settleUnansweredFolders } from './unanswered.ts';
import { items, overlays } from './tables.ts';

/** The local ids of the folders these items make (named so until the server has made them). */
export function foldersBeingMade(list: readonly OutboxItem[]): Set<string> {
  return new Set(list.flatMap((i) => (i.intent.kind === 'mailboxCreate' ? [i.intent.localId] : [])));
}

/**
 * Folder changes that name a folder made on this device (rename it, delete it, make one
 * inside it) wait until the server has made that folder and its id is known: each round
 * sends what no longer depends on a folder still being made.
 */
export async function flushMailboxes(options: FlusherOptions, list: OutboxItem[]): Promise<void> {
  let rest = list;
  for (let round = 0; rest.length > 0 && round < 16; round++) {
    const making = foldersBeingMade(rest);
    const waits = (item: OutboxItem) => mailboxIdsOf(item.intent).some((id) => making.has(id));
    const later = rest.filter(waits);
    const now = rest.filter((i) => !waits(i));
    // A failure before the Mailbox/set (the look-up after a lost answer) waits like any other:
    // thrown out of the pass, it left the items due at once and the next pass 5 ms later.
    await flushMailboxesOnce(options, now).catch((error: unknown) => fail(options, now, error, true));
    if (later.length === 0) return;
    // mapLocalId rewrote them when their folder was made; what still names a folder
    // that was not made (its creation failed) waits for that creation's next try.
    const fresh = (await items(options.db).bulkGet(later.map((i) => i.id))).filter(
      (i): i is OutboxItem => i !== undefined && i.state !== 'failed',
    );
    const stillWaiting = fresh.filter(waits);
    rest = fresh.filter((i) => !waits(i));
    if (stillWaiting.length === fresh.length) return;
  }
}

async function flushMailboxesOnce(options: FlusherOptions, given: OutboxItem[]): Promise<void> {
  const { db, accountId, client } = options;
  let list: OutboxItem[];
  try {
    // A rename or move sent before without an answer may have landed (unanswered.ts).
    list = await settleUnansweredFolders(options, given);
  } catch (error) {
    await fail(options, given, error, true);
    return;
  }
  const create: Record<string, { name: string; parentId: string | null }> = {};
  const update: Record<string, Record<string, unknown>> = {};
  const destroy: string[] = [];
  const byObject = new Map<string, OutboxItem>();
  for (const item of list) {
    const i = item.intent;
    if (i.kind === 'mailboxCreate') {
      // A lost answer to an earlier try may have created it: look before creating twice.
      if (item.uncertain) {
        const existing = (await client.call('Mailbox/get', { ids: null })).list.find(
          (m) => m.name === i.name && (m.parentId ?? null) === i.parentId,
        );
        if (existing) {
          await mapLocalId(db, accountId, i.localId, existing.id);
          await accept(db, [item.id]);
          continue;
        }
      }
      create[i.localId] = { name: i.name, parentId: i.parentId };
      byObject.set(i.localId, item);
    } else if (i.kind === 'mailboxUpdate') {
      update[i.mailboxId] = {
        ...(update[i.mailboxId] ?? {}),
        ...(i.name !== undefined ? { name: i.name } : {}),
        ...(i.parentId !== undefined ? { parentId: i.parentId } : {}),
      };
      byObject.set(i.mailboxId, item);
    } else if (i.kind === 'mailboxDestroy') {
      destroy.push(i.mailboxId);
      byObject.set(i.mailboxId, item);
    }
  }
  // Surprise from Cyrus 3.6: making a folder inside one that no longer exists answers
  // `created` with an id, and nothing is made (Mailbox/get: notFound; a second try:
  // invalidProperties name). So the parents are asked for first, as moves' targets are.
  const parents = [...new Set(Object.values(create).flatMap((c) => (c.parentId ? [c.parentId] : [])))];
  if (parents.length) {
    let missing: Set<string>;
    try {
      missing = new Set((await client.call('Mailbox/get', { ids: parents, properties: ['id'] })).notFound ?? []);
    } catch (error) {
      await fail(options, list, error, true);
      return;
    }
    for (const [localId, c] of Object.entries(create)) {
      if (!c.parentId || !missing.has(c.parentId)) continue;
      const item = byObject.get(localId)!;
      const rows = await overlays(db).where('intentId').equals(item.id).toArray();
      await refuse(db, accountId, rows, describeIntent(item.intent), {
        type: 'notFound',
        description: 'the folder it was to go in no longer exists',
      });
      await items(db).delete(item.id);
      delete create[localId];
      list = list.filter((i) => i !== item);
    }
  }
  // Surprise from Cyrus 3.6: destroying a folder that is already gone (deleted elsewhere)
  // fails the whole request with HTTP 500, so it was retried for ever, and the folder
  // changes sent with it never went. Ask first; a folder already gone is as asked.
  if (destroy.length) {
    let gone: Set<string>;
    try {
      gone = new Set((await client.call('Mailbox/get', { ids: destroy, properties: ['id'] })).notFound ?? []);
    } catch (error) {
      await fail(options, list, error, true);
      return;
    }
    if (gone.size) {
      await accept(
        db,
        [...gone].map((id) => byObject.get(id)!.id),
      );
      destroy.splice(0, destroy.length, ...destroy.filter((id) => !gone.has(id)));
      list = list.filter((i) => !(i.intent.kind === 'mailboxDestroy' && gone.has(i.intent.mailboxId)));
    }
  }
  if (!Object.keys(create).length && !Object.keys(update).length && !destroy.length) return;
  const creating = list.filter((i) => i.intent.kind === 'mailboxCreate');
  const mayLand = mayReachServer(options);
  await items(db).bulkPut(creating.map((i) => ({ ...i, uncertain: true })));
  try {
    const res = await client.call('Mailbox/set', {
      ...(Object.keys(create).length ? { create } : {}),
      ...(Object.keys(update).length ? { update } : {}),
      ...(destroy.length ? { destroy, onDestroyRemoveEmails: false } : {}),
    });
    for (const [localId, created] of Object.entries(res.created ?? {})) await mapLocalId(db, accountId, localId, created.id);
    const refused = { ...(res.notCreated ?? {}), ...(res.notUpdated ?? {}), ...(res.notDestroyed ?? {}) };
    const refusedItems: string[] = [];
    for (const [objectId, error] of Object.entries(refused)) {
      const item = byObject.get(objectId);
      if (!item) continue;
      refusedItems.push(item.id);
      const rows = await overlays(db).where('intentId').equals(item.id).toArray();
      await refuse(db, accountId, rows, describeIntent(item.intent), error);
      await items(db).delete(item.id);
    }
    await accept(
      db,
      list.map((i) => i.id).filter((id) => !refusedItems.includes(id)),
    );
  } catch (error) {
    if (mayLand && answerUnknown(error)) await markFoldersSent(options, list);
    await fail(options, list, error, true);
  }
}
