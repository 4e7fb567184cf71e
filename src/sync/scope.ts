/**
 * What a body pass covers (the folders, since when, the budget), from the person's
 * offline scope or the engine's defaults: read by the body pass, the attachment pass and
 * the eviction under pressure alike.
 */
import { findRole } from './inboxPage.ts';
import type { StepContext } from './context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one body pass covers: the folders, since when, and the budget. */
export async function bodyScope(
  ctx: StepContext,
): Promise<{ mailboxIds: string[]; sinceMs: number; budgetBytes: number; narrowed: boolean; choice: string }> {
  const { accountId, cache, options } = ctx;
  const mailboxes = await cache.getMailboxes(accountId);
  if (!options.scope) {
    const ids = options.offlineRoles.map((role) => findRole(mailboxes, role)?.id).filter((id): id is string => !!id);
    return {
      mailboxIds: ids,
      sinceMs: ctx.now() - options.offlineWindowDays * DAY_MS,
      budgetBytes: options.bodyBudgetBytes,
      narrowed: false,
      choice: '',
    };
  }
  const scope = await options.scope();
  const leftOut = new Set(scope.leftOut);
  return {
    mailboxIds: mailboxes.filter((m) => !leftOut.has(m.id)).map((m) => m.id),
    sinceMs: scope.windowDays === null ? -Infinity : ctx.now() - scope.windowDays * DAY_MS,
    budgetBytes: Math.min(scope.budgetBytes, options.bodyBudgetBytes),
    narrowed: scope.leftOut.some((id) => mailboxes.some((m) => m.id === id)) || scope.windowDays !== null,
    // The person's choice itself (not the folders it comes to): what "the choice changed" compares.
    choice: JSON.stringify([[...scope.leftOut].sort(), scope.windowDays, scope.budgetBytes]),
  };
}
