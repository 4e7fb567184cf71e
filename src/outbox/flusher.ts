/**
 * The flusher: drains the outbox into batched /set calls whenever the server can be reached.
 *
 * One pass, under the account's flush lock (one flusher per origin):
 * 1. Mailbox intents in one Mailbox/set (a move into a folder made offline waits for it).
 * 2. Every ready email intent, coalesced into one Email/set (plan.ts), chunked by
 *    maxObjectsInSet.
 * 3. Drafts and sends, one request each, in order (send.ts: exactly once).
 * Accepted: the intent goes, its overlay is marked done and removed after the next sync
 * has brought the server's change (nothing flickers back). Refused for good (notFound,
 * forbidden, overQuota, ...): the overlay goes (the UI reverts) and a notice says why; the
 * rest of the queue carries on. Network, 5xx, 429: the items wait with backoff (Retry-After
 * wins). stateMismatch: sync, then retry.
 */
import { queued } from './enqueue.ts';
import { flushEmails } from './emailPass.ts';
import type { FlusherOptions } from './flushOptions.ts';
import type { OutboxItem } from './intents.ts';
import { defaultLock } from './lock.ts';
import { flushMailboxes } from './mailboxPass.ts';
import { clearAccepted, fail } from './outcomes.ts';
import { sendItem } from './send.ts';
import { accountItems, items } from './tables.ts';

export type { FlusherOptions };

export interface Flusher {
  /** Flush now; `urgent` (the network is back, a page asked) also cuts every backoff short. */
  wake(urgent?: boolean): void;
  /** Resolves when no pass is running or scheduled before `notBefore` times. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const READY = (now: number) => (i: OutboxItem) => i.state !== 'failed' && i.notBefore <= now;

export function createFlusher(options: FlusherOptions): Flusher {
  const { db, accountId } = options;
  const now = options.now ?? Date.now;
  const lock = options.lock ?? defaultLock();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let clearing: Promise<void> | null = null;
  const clear = () => {
    clearing ??= clearAccepted(options)
      .catch(() => undefined)
      .finally(() => {
        clearing = null;
      });
    return clearing;
  };

  const schedule = async () => {
    if (stopped) return;
    const list = await accountItems(db, accountId);
    const waiting = list.filter((i) => i.state !== 'failed').map((i) => i.notBefore);
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length) timer = setTimeout(wake, Math.max(0, Math.min(...waiting) - now()) + 5);
  };

  const wake = (urgent = false) => {
    if (stopped) return;
    if (urgent) {
      void items(db)
        .where('[accountId+createdAt]')
        .between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER])
        .modify((i) => {
          if (i.state === 'waiting' && i.attempts > 0) i.notBefore = 0;
        })
        .then(() => wake());
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await lock.request(`mail-outbox:${accountId}`, () => pass(options, now)).catch(() => undefined);
      } while (again && !stopped);
      void clear();
      await schedule();
    })().finally(() => {
      running = null;
    });
  };

  const onQueued = () => wake(true);
  queued.addEventListener('queued', onQueued);
  wake();
  return {
    wake,
    async idle() {
      while (running || clearing) await (running ?? clearing);
    },
    async stop() {
      stopped = true;
      queued.removeEventListener('queued', onQueued);
      if (timer) clearTimeout(timer);
      while (running || clearing) await (running ?? clearing);
    },
  };
}

/** One pass over what is ready now. Never throws: what failed is written to the items. */
export async function pass(options: FlusherOptions, now: () => number = Date.now): Promise<void> {
  const { db, accountId } = options;
  const all = (await accountItems(db, accountId)).filter((i) => i.state !== 'failed');
  const ready = all.filter(READY(now()));
  if (ready.length === 0) return;
  all.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  ready.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  // Changes to mail and folders go out all together once any is due: flushing a newer
  // intent while an older one on the same message waits out its backoff would let the
  // older one land last and undo the newer (the order per object must hold).
  const isMailbox = (i: OutboxItem) => i.intent.kind.startsWith('mailbox');
  const isEmail = (i: OutboxItem) => ['keywords', 'move', 'destroy'].includes(i.intent.kind);
  const mailboxItems = ready.some(isMailbox) || ready.some(isEmail) ? all.filter(isMailbox) : [];
  const emailItems = ready.some(isEmail) || ready.some(isMailbox) ? all.filter(isEmail) : [];
  const messageItems = ready.filter((i) => i.intent.kind === 'send' || i.intent.kind === 'saveDraft');

  if (mailboxItems.length) await flushMailboxes(options, mailboxItems);
  // Moves into a folder still waiting to be created wait for it.
  const localIds = new Set((await accountItems(db, accountId)).filter((i) => i.intent.kind === 'mailboxCreate').map((i) => (i.intent as { localId: string }).localId));
  const emailReady = emailItems.filter((i) => !(i.intent.kind === 'move' && localIds.has(i.intent.toMailboxId)));
  if (emailReady.length) await flushEmails(options, emailReady);
  for (const item of messageItems) {
    const fresh = await items(db).get(item.id);
    if (!fresh || fresh.state === 'failed') continue;
    await sendItem(options, fresh).catch((error: unknown) => fail(db, [fresh], error));
  }
}
