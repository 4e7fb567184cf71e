/**
 * What a server's answer does to the outbox: accepted items go and their overlays are
 * marked done (removed after the next sync), a refused object's overlays go with a notice
 * in words, a failed request waits with backoff (or fails for good when the request was
 * wrong).
 */
import { classify, describeSetError, retryPolicy, type SetError } from '../jmap/index.ts';
import type { MailDb } from '../store/index.ts';
import type { FlusherOptions } from './flushOptions.ts';
import type { OutboxItem, OverlayRow } from './intents.ts';
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

/** A request-level failure: wait and retry, re-sync first, or give up with words. */
export async function fail(db: MailDb, list: readonly OutboxItem[], error: unknown, onStateMismatch?: () => Promise<unknown>): Promise<void> {
  const verdict = classify(error);
  const text = error instanceof Error ? error.message : String(error);
  if (verdict.action === 'resync' && onStateMismatch) await onStateMismatch().catch(() => undefined);
  await db.transaction('rw', db.outbox, async () => {
    for (const item of list) {
      const attempts = item.attempts + 1;
      const delay = retryPolicy.delay(error, attempts - 1, 'outboxPass') ?? retryPolicy.backoff(attempts - 1);
      // Only a wrong request is permanent; the network and the server's moods are not.
      const permanent = verdict.action === 'permanent';
      await items(db).update(item.id, {
        attempts,
        notBefore: Date.now() + delay,
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
    await overlays(db).where('intentId').anyOf([...ids]).modify({ done: true });
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
