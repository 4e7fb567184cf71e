/**
 * What a server's answer does to the outbox: accepted items go and their overlays are
 * marked done (removed after the next sync), a refused object's overlays go with a notice
 * in words, a failed request waits as src/jmap's retry policy says (Retry-After wins), for
 * a new sign-in when the credentials were refused, or fails for good when the request was
 * wrong.
 */
import { describeSetError, retryPolicy, type SetError } from '../jmap/index.ts';
import type { MailDb } from '../store/index.ts';
import type { FlusherOptions } from './flushOptions.ts';
import { UNTIL_SIGNED_IN, type OutboxItem, type OverlayRow } from './intents.ts';
import { accountOverlays, addNotice, items, overlays } from './tables.ts';

/**
 * Accepted overlays go once a sync has brought the server's change into the mirror (never
 * before, or the old value would show again meanwhile). Runs outside the flush lock: a
 * sync cycle can take long (a first sync's listing, bodies) and must not hold up the next
 * flush.
 */
export async function clearAccepted(options: FlusherOptions): Promise<void> {
  const { db, accountId } = options;
  const done = (await accountOverlays(db, accountId)).filter((o) => o.done);
  if (!done.length) return;
  const r = (await options.onNeedSync().catch((error: unknown) => ({ ok: false, error }))) as { ok?: boolean } | undefined;
  if (r && r.ok === false) return;
  await overlays(db).bulkDelete(done.map((o) => o.id));
}

/**
 * A request-level failure, decided by the retry policy ('outboxPass'): wait and retry,
 * re-sync first (`resync`: when the pass planned against the mirror), wait for a new
 * sign-in, or give up with words.
 */
export async function fail(options: FlusherOptions, list: readonly OutboxItem[], error: unknown, resync = false): Promise<void> {
  const { db } = options;
  const policy = options.retry ?? retryPolicy;
  const text = error instanceof Error ? error.message : String(error);
  const action = policy.decide(error, 0, 'outboxPass').action;
  if (action === 'resync' && resync) await options.onNeedSync().catch(() => undefined);
  if (action === 'reauthenticate') {
    // Refused credentials: every intent stays as it is (nothing dropped, nothing failed,
    // no backoff spent) and no timer knocks again with them.
    // The credentials are the account's: what else waits would be refused the same way.
    await waitForSignIn(db, options.accountId, error, list);
    options.onSignInNeeded?.(error);
    return;
  }
  await db.transaction('rw', db.outbox, async () => {
    for (const item of list) {
      const decision = policy.decide(error, item.attempts, 'outboxPass');
      // Only a wrong request is permanent; the network and the server's moods are not.
      const permanent = !('delayMs' in decision);
      await items(db).update(item.id, {
        attempts: item.attempts + 1,
        notBefore: permanent ? Date.now() : Date.now() + decision.delayMs,
        state: permanent ? 'failed' : item.state === 'held' ? 'waiting' : item.state,
        reason: permanent ? text : `Waiting to retry: ${text}`,
      });
    }
  });
}

/** The items are done: drop them and mark their overlays as accepted. */
export async function accept(db: MailDb, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.outbox, db.overlays], async () => {
    await items(db).bulkDelete([...ids]);
    await overlays(db)
      .where('intentId')
      .anyOf([...ids])
      .modify({ done: true });
  });
}

/** Refused for one object: revert what the person saw for it and say why. */
export async function refuse(db: MailDb, accountId: string, rows: readonly OverlayRow[], what: string, error: SetError): Promise<void> {
  await db.transaction('rw', [db.overlays, db.notices], async () => {
    await overlays(db).bulkDelete(rows.map((r) => r.id));
    const words = error.type === 'notFound' ? (error.description ?? 'it no longer exists on the server') : describeSetError(error);
    await addNotice(db, accountId, `${what} could not be done: ${words}.`);
  });
}

/**
 * The server refused the account's credentials (to the flusher, or to the engine's sync):
 * every intent that waits, and those of the pass that met the refusal, wait for a new
 * sign-in with words saying so. Nothing is dropped or failed and no backoff is spent; the
 * next flusher, made after a sign-in the server accepted, takes them up again. Whoever met
 * the refusal first, the outbox reads the same.
 */
export async function waitForSignIn(db: MailDb, accountId: string, error: unknown, inPass: readonly OutboxItem[] = []): Promise<void> {
  const reason = `Waiting for you to sign in again: ${error instanceof Error ? error.message : String(error)}`;
  const ids = new Set(inPass.map((i) => i.id));
  await db.transaction('rw', db.outbox, async () => {
    for (const item of inPass) {
      await items(db).update(item.id, { notBefore: UNTIL_SIGNED_IN, state: item.state === 'held' ? 'waiting' : item.state, reason });
    }
    await items(db)
      .where('[accountId+createdAt]')
      .between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER])
      .modify((i) => {
        if (!ids.has(i.id) && i.state === 'waiting') Object.assign(i, { notBefore: UNTIL_SIGNED_IN, reason });
      });
  });
}
