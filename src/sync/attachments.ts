/**
 * Attachments for offline use, after the bodies: every attachment of the offline choice
 * (at most `attachmentMaxBytes` each, of mail received in the last `attachmentWindowDays`,
 * in the folders whose text is kept), newest mail first, while text and attachments
 * together fit in the scope's budget. The parts come from the stored bodies (an email's
 * `attachments`), so only mail whose text is on the device gets its attachments.
 *
 * Resumable without any bookmark: each attachment is stored on its own, and a pass
 * downloads only what the device lacks, so a pass that was cut continues where it was.
 * When the choice changes, attachments outside the new one are removed in the same pass
 * (opened ones too, as for text: the person said so); until then an attachment opened
 * online outside the choice stays.
 */
import type { Id } from '../jmap/wire/core.ts';
import { HttpError } from '../jmap/index.ts';
import { bodyScope } from './scope.ts';
import { checkStopped, DEFAULT_ATTACHMENT_CHOICE, type StepContext } from './context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Downloads under way at once (the client's limiter keeps to the server's maxConcurrentRequests too). */
const PARALLEL = 3;

export interface AttachmentScope {
  mailboxIds: Id[];
  sinceMs: number;
  /** null: any size. */
  maxBytes: number | null;
  /** Text and attachments together. */
  budgetBytes: number;
  /** Attachments alone. */
  attachmentBudgetBytes: number;
  /** The choice itself: what "the choice changed" compares. */
  choice: string;
}

export interface WantedAttachment {
  blobId: Id;
  size: number;
  type: string;
  receivedMs: number;
}

export async function attachmentScope(ctx: StepContext): Promise<AttachmentScope> {
  const text = await bodyScope(ctx);
  const scope = ctx.options.scope ? await ctx.options.scope() : undefined;
  const maxBytes = scope?.attachmentMaxBytes === undefined ? DEFAULT_ATTACHMENT_CHOICE.maxBytes : scope.attachmentMaxBytes;
  const days = scope?.attachmentWindowDays === undefined ? DEFAULT_ATTACHMENT_CHOICE.windowDays : scope.attachmentWindowDays;
  const sinceMs = Math.max(text.sinceMs, days === null ? -Infinity : ctx.now() - days * DAY_MS);
  const attachmentBudgetBytes = Math.min(scope?.attachmentBudgetBytes ?? Infinity, text.budgetBytes);
  return {
    mailboxIds: text.mailboxIds,
    sinceMs,
    maxBytes,
    budgetBytes: text.budgetBytes,
    attachmentBudgetBytes,
    choice: JSON.stringify([text.choice, text.mailboxIds.length, maxBytes, days]),
  };
}

/** The attachments the choice covers, newest mail first, each blob once. */
export async function attachmentsInScope(ctx: StepContext, scope: AttachmentScope): Promise<WantedAttachment[]> {
  const { cache, accountId } = ctx;
  const emails = (await cache.emailsInWindow(accountId, scope.mailboxIds, scope.sinceMs)).filter((e) => e.hasBody && e.hasAttachment);
  const seen = new Set<Id>();
  const out: WantedAttachment[] = [];
  for (let i = 0; i < emails.length; i += 200) {
    // Reading stored text for thousands of messages takes a while: a stop is not kept waiting.
    checkStopped(ctx);
    const found = await cache.attachmentsOf(
      accountId,
      emails.slice(i, i + 200).map((e) => e.id),
    );
    // attachmentsOf keeps the order asked: newest first.
    for (const { receivedMs, parts } of found) {
      for (const p of parts) {
        if (!p.blobId || seen.has(p.blobId)) continue;
        const size = p.size ?? 0;
        if (scope.maxBytes !== null && size > scope.maxBytes) continue;
        seen.add(p.blobId);
        out.push({ blobId: p.blobId, size, type: p.type ?? 'application/octet-stream', receivedMs });
      }
    }
  }
  return out;
}

/**
 * One attachment pass. `memo` as for bodies: a pass that ended records what it covered
 * (the Email state, the text kept, the choice), and the next with all three unchanged
 * does nothing.
 */
export async function syncAttachments(
  ctx: StepContext,
  memo: { settled: string | null; choice: string | null } = { settled: null, choice: null },
  between?: () => Promise<void>,
): Promise<void> {
  const { accountId, cache } = ctx;
  const scope = await attachmentScope(ctx);
  const settles = JSON.stringify([
    (await cache.getStates(accountId)).Email ?? null,
    await cache.bodyBytes(accountId),
    { ...scope, sinceMs: Math.floor(scope.sinceMs / DAY_MS) },
  ]);
  if (memo.settled === settles) return;
  const wanted = await attachmentsInScope(ctx, scope);
  const wantedIds = new Set(wanted.map((a) => a.blobId));
  let stored = new Set(await cache.blobIds(accountId));
  // The last choice: this run's, else the one stored by the last pass (a worker killed
  // meanwhile, the choice changed while none ran).
  const last = memo.choice ?? (await cache.getProgress(accountId))?.attachments?.choice ?? null;
  if (last !== null && last !== scope.choice) {
    const outside = [...stored].filter((id) => !wantedIds.has(id));
    if (outside.length) {
      await cache.removeBlobs(accountId, outside);
      stored = new Set(await cache.blobIds(accountId));
    }
  }
  const missing = wanted.filter((a) => !stored.has(a.blobId));
  let done = wanted.length - missing.length;
  let bytes = wanted.reduce((n, a) => n + (stored.has(a.blobId) ? a.size : 0), 0);

  const write = async (state: 'running' | 'done') => {
    const progress = await cache.getProgress(accountId);
    if (!progress) return;
    await cache.apply(accountId, {
      progress: {
        ...progress,
        attachments: {
          state,
          done,
          total: wanted.length,
          bytes,
          finishedAt: state === 'done' ? ctx.now() : null,
          choice: scope.choice,
        },
      },
    });
  };

  await write(missing.length ? 'running' : 'done');
  let room = scope.budgetBytes - (await cache.bodyBytes(accountId)) - (await cache.blobBytes(accountId));
  let attachmentRoom = scope.attachmentBudgetBytes - (await cache.blobBytes(accountId));
  for (let i = 0; i < missing.length;) {
    checkStopped(ctx);
    // Newest first, as many as fit; one too big for what is left is passed over (a smaller, older one may fit).
    const group: WantedAttachment[] = [];
    for (; i < missing.length && group.length < PARALLEL; i++) {
      const a = missing[i]!;
      if (a.size > room || a.size > attachmentRoom) continue;
      room -= a.size;
      attachmentRoom -= a.size;
      group.push(a);
    }
    if (!group.length) break;
    const got = await Promise.all(
      group.map(async (a) => {
        try {
          const blob = await ctx.client.download(a.blobId, { type: a.type, accountId, signal: ctx.signal });
          return { a, data: await blob.arrayBuffer(), type: blob.type || a.type };
        } catch (error) {
          // A blob the server no longer has (the mail was deleted meanwhile): nothing to keep.
          if (error instanceof HttpError && error.status === 404) return null;
          throw error;
        }
      }),
    );
    for (const g of got) {
      if (!g) continue;
      checkStopped(ctx);
      await cache.putBlob(accountId, { blobId: g.a.blobId, type: g.type, size: g.data.byteLength, data: g.data });
      done++;
      bytes += g.a.size;
    }
    await write('running');
    await between?.();
  }
  await write('done');
  memo.settled = settles;
  memo.choice = scope.choice;
}
