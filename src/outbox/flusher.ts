/**
 * The flusher: drains the outbox into batched /set calls whenever the server can be reached.
 * Its entry points: createFlusher (when a pass runs and the flush lock: schedule.ts) and
 * pass, the order of one pass under the account's flush lock (one flusher per origin):
 * 1. Mailbox intents in rounds of Mailbox/set (mailboxPass.ts; a move into a folder made
 *    offline waits for it).
 * 2. Every ready email intent, coalesced into one Email/set (plan.ts), chunked by
 *    maxObjectsInSet (emailPass.ts).
 * 3. Identity and vacation changes, one Identity/set and one VacationResponse/set
 *    (settingsPass.ts: each object's queued edits coalesced, the last value wins).
 * 4. One-click unsubscribes, one POST each to the list's URL (unsubscribePass.ts: once).
 * 5. Drafts, sends and discarded drafts, one request each, in order (send.ts: exactly once,
 *    one server draft per composition).
 * What an answer does (outcomes.ts). Accepted: the intent goes, its overlay is marked done
 * and removed after the next sync has brought the server's change (nothing flickers back).
 * Refused for good (notFound, forbidden, overQuota, ...): the overlay goes (the UI reverts)
 * and a notice says why; the rest of the queue carries on. Network, 5xx, 429: the items
 * wait as src/jmap's retry policy says (Retry-After wins). stateMismatch: sync, then
 * retry. 401/403: the pass stops, every item stays queued and waits for a new sign-in
 * (no timer retries it).
 */
import { flushEmails } from './emailPass.ts';
import type { FlusherOptions } from './flushOptions.ts';
import type { OutboxItem } from './intents.ts';
import { flushMailboxes, foldersBeingMade } from './mailboxPass.ts';
import { clearAccepted, fail } from './outcomes.ts';
import { schedulePasses, type Flusher } from './schedule.ts';
import { sendItem } from './send.ts';
import { postUnsubscribe } from './unsubscribePass.ts';
import { flushIdentities, flushVacation, isSettingsItem } from './settingsPass.ts';
import { accountItems, items } from './tables.ts';

export type { Flusher, FlusherOptions };

const READY = (now: number) => (i: OutboxItem) => i.state !== 'failed' && i.notBefore <= now;

export function createFlusher(options: FlusherOptions): Flusher {
  return schedulePasses(options, { pass: (now) => pass(options, now), clear: () => clearAccepted(options) });
}

/** One pass over what is ready now. Never throws: what failed is written to the items. */
export async function pass(flusher: FlusherOptions, now: () => number = Date.now): Promise<void> {
  const { db, accountId } = flusher;
  // Refused credentials end the pass: the next requests would be refused the same way.
  let refused = false;
  const options: FlusherOptions = {
    ...flusher,
    onSignInNeeded: (error) => {
      refused = true;
      flusher.onSignInNeeded?.(error);
    },
  };
  const all = (await accountItems(db, accountId)).filter((i) => i.state !== 'failed');
  const ready = all.filter(READY(now()));
  if (ready.length === 0) return;
  all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  ready.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  // Changes to mail and folders go out all together once any is due: flushing a newer
  // intent while an older one on the same message waits out its backoff would let the
  // older one land last and undo the newer (the order per object must hold).
  const isMailbox = (i: OutboxItem) => i.intent.kind.startsWith('mailbox');
  const isEmail = (i: OutboxItem) => ['keywords', 'move', 'destroy', 'restore'].includes(i.intent.kind);
  const mailboxItems = ready.some(isMailbox) || ready.some(isEmail) ? all.filter(isMailbox) : [];
  const emailItems = ready.some(isEmail) || ready.some(isMailbox) ? all.filter(isEmail) : [];
  const messageItems = ready.filter((i) => ['send', 'saveDraft', 'discardDraft', 'cancelScheduled'].includes(i.intent.kind));
  const unsubscribeItems = ready.filter((i) => i.intent.kind === 'unsubscribe');
  // Edits of one identity or of the vacation response go out together for the same reason.
  const settingsItems = ready.some(isSettingsItem) ? all.filter(isSettingsItem) : [];

  if (mailboxItems.length) await flushMailboxes(options, mailboxItems);
  if (refused) return;
  // Moves into a folder still waiting to be created wait for it.
  const localIds = foldersBeingMade(await accountItems(db, accountId));
  const emailReady = emailItems.filter((i) => !(i.intent.kind === 'move' && localIds.has(i.intent.toMailboxId)));
  if (emailReady.length) await flushEmails(options, emailReady);
  if (refused) return;
  if (settingsItems.length) await flushIdentities(options, settingsItems);
  if (refused) return;
  if (settingsItems.length) await flushVacation(options, settingsItems);
  for (const item of unsubscribeItems) await postUnsubscribe(options, item).catch((error: unknown) => fail(options, [item], error));
  for (const item of messageItems) {
    if (refused) return;
    const fresh = await items(db).get(item.id);
    if (!fresh || fresh.state === 'failed') continue;
    await sendItem(options, fresh).catch((error: unknown) => fail(options, [fresh], error));
  }
}
