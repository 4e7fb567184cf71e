/**
 * The settings pass: identity changes in one Identity/set, vacation changes in one
 * VacationResponse/set of "singleton". Patches are absolute, so the queued edits of one
 * object become one update (the last value of each property wins) and sending it again
 * after a lost answer changes nothing.
 *
 * Accepted: the items go, their overlays are marked done, and the server's identities kept
 * on this device (src/store keptIdentities, what compose reads offline) take the new values,
 * so there is one copy of an identity here and it is current. Refused for good: the overlay
 * goes, the signature this device added before comes back, and a notice says why. A server
 * without Identity/set (Cyrus 3.6: unknownMethod) keeps the signature on this device.
 * An account without the submission capability has no identity to change, one without the
 * vacationresponse capability no vacation response: refused in words, nothing is sent.
 */
import { CAPABILITY, isUnsupported, type Identity, type SetError } from '../jmap/index.ts';
import { keptIdentities, readSetting, signatureOf, writeSetting, type MailDb } from '../store/index.ts';
import type { FlusherOptions } from './flushOptions.ts';
import { VACATION_ID, type IdentityPatch, type OutboxItem, type VacationPatch } from './intents.ts';
import { accept, fail, refuse } from './outcomes.ts';
import { describeIntent } from './queueReads.ts';
import { addNotice, items, overlays } from './tables.ts';

export const isSettingsItem = (i: OutboxItem) => i.intent.kind === 'identityUpdate' || i.intent.kind === 'vacationUpdate';

/** Identity changes, coalesced per identity, in one Identity/set. Never throws: a failure is written to the items. */
export function flushIdentities(options: FlusherOptions, list: OutboxItem[]): Promise<void> {
  const mine = list.filter((i) => i.intent.kind === 'identityUpdate');
  return identities(options, mine).catch((error: unknown) => fail(options, mine, error));
}

/** Vacation changes, coalesced, in one VacationResponse/set. Never throws: a failure is written to the items. */
export function flushVacation(options: FlusherOptions, list: OutboxItem[]): Promise<void> {
  const mine = list.filter((i) => i.intent.kind === 'vacationUpdate');
  return vacation(options, mine).catch((error: unknown) => fail(options, mine, error));
}

async function identities(options: FlusherOptions, list: OutboxItem[]): Promise<void> {
  const { db, accountId, client } = options;
  const byIdentity = new Map<string, OutboxItem[]>();
  for (const item of list) {
    if (item.intent.kind !== 'identityUpdate') continue;
    byIdentity.set(item.intent.identityId, [...(byIdentity.get(item.intent.identityId) ?? []), item]);
  }
  if (byIdentity.size === 0) return;
  if (client.accountCapability(CAPABILITY.submission, accountId) === undefined) {
    for (const group of byIdentity.values())
      await refuseGroup(db, accountId, group, 'this account cannot send mail here, so it has no identity to change');
    return;
  }
  const update: Record<string, IdentityPatch> = {};
  for (const [id, group] of byIdentity) update[id] = merged<IdentityPatch>(group);
  let res;
  try {
    res = await client.call('Identity/set', { accountId, update });
  } catch (error) {
    if (isUnsupported(error)) return cannotStoreIdentities(db, accountId, [...byIdentity.values()]);
    return fail(options, list, error);
  }
  for (const [id, group] of byIdentity) {
    const refused = res.notUpdated?.[id];
    if (refused) await refuseGroup(db, accountId, group, refused);
    else await acceptIdentity(db, accountId, id, group, { ...update[id], ...(res.updated?.[id] ?? {}) });
  }
}

async function vacation(options: FlusherOptions, group: OutboxItem[]): Promise<void> {
  const { db, accountId, client } = options;
  if (group.length === 0) return;
  if (client.accountCapability(CAPABILITY.vacationResponse, accountId) === undefined) {
    return refuseGroup(db, accountId, group, 'this server offers no vacation response for this account');
  }
  let res;
  try {
    res = await client.call('VacationResponse/set', { accountId, update: { [VACATION_ID]: merged<VacationPatch>(group) } });
  } catch (error) {
    if (isUnsupported(error)) return refuseGroup(db, accountId, group, 'this server does not let apps change the vacation response');
    return fail(options, group, error);
  }
  const refused = res.notUpdated?.[VACATION_ID];
  if (refused) return refuseGroup(db, accountId, group, refused);
  // Marked done: the overlay shows the value until the next sync, and Settings reads the
  // server's copy again once it sees the change accepted (readPendingSettings).
  await accept(
    db,
    group.map((i) => i.id),
  );
}

/** The patches of one object's items, oldest first: the last value of each property wins. */
function merged<P extends IdentityPatch | VacationPatch>(group: readonly OutboxItem[]): P {
  const out: Record<string, unknown> = {};
  for (const item of group) if ('patch' in item.intent) Object.assign(out, item.intent.patch);
  return out as P;
}

async function acceptIdentity(db: MailDb, accountId: string, id: string, group: OutboxItem[], values: Partial<Identity>): Promise<void> {
  await db.transaction('rw', [db.outbox, db.overlays, db.settings], async () => {
    const kept = await readSetting(db, keptIdentities(accountId));
    if (kept) {
      await writeSetting(
        db,
        keptIdentities(accountId),
        kept.map((i) => (i.id === id ? { ...i, ...values } : i)),
      );
    }
    await accept(
      db,
      group.map((i) => i.id),
    );
  });
}

/**
 * Refused for good: the overlays go (the screen shows the server's values again), the
 * signature this device added comes back to the one before (unless changed since), the
 * items go, and a notice says why.
 */
async function refuseGroup(db: MailDb, accountId: string, group: OutboxItem[], why: SetError | string): Promise<void> {
  const error: SetError = typeof why === 'string' ? { type: 'forbidden', description: why } : why;
  const first = group[0]!;
  await db.transaction('rw', [db.outbox, db.overlays, db.notices, db.settings], async () => {
    const rows = await overlays(db)
      .where('intentId')
      .anyOf(group.map((i) => i.id))
      .toArray();
    await refuse(db, accountId, rows, describeIntent(first.intent), error);
    await restoreSignature(db, accountId, group);
    await items(db).bulkDelete(group.map((i) => i.id));
  });
}

/**
 * The signature this device added before these items, back, unless it was changed since
 * (joins the caller's transaction, which must include db.settings).
 */
export async function restoreSignature(db: MailDb, accountId: string, group: readonly OutboxItem[]): Promise<void> {
  const signed = group.filter((i) => i.intent.kind === 'identityUpdate' && i.intent.patch.textSignature !== undefined);
  const first = signed[0];
  const last = signed[signed.length - 1];
  if (!first || !last || first.intent.kind !== 'identityUpdate' || last.intent.kind !== 'identityUpdate') return;
  const setting = signatureOf(accountId, first.intent.identityId);
  if ((await readSetting(db, setting)) !== last.intent.patch.textSignature) return;
  await writeSetting(db, setting, first.signatureBefore ?? null);
}

/**
 * The server has no Identity/set (Cyrus 3.6): a signature stays the one this device adds
 * (written when it was queued), the rest cannot be kept anywhere. Either way the items go.
 */
async function cannotStoreIdentities(db: MailDb, accountId: string, groups: OutboxItem[][]): Promise<void> {
  for (const group of groups) {
    const patch = merged<IdentityPatch>(group);
    const { textSignature, ...rest } = patch;
    if (Object.keys(rest).length) {
      await refuseGroup(db, accountId, group, 'this server does not let apps change identities');
      continue;
    }
    await db.transaction('rw', [db.outbox, db.overlays, db.notices], async () => {
      await overlays(db)
        .where('intentId')
        .anyOf(group.map((i) => i.id))
        .delete();
      await items(db).bulkDelete(group.map((i) => i.id));
      if (textSignature !== undefined) {
        await addNotice(
          db,
          accountId,
          'This server does not let apps change identities, so your signature is kept on this device and added to mail you write here.',
        );
      }
    });
  }
}
