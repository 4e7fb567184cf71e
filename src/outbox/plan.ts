/**
 * Coalescing (pure): many queued intents on emails become one Email/set: for each email,
 * the difference between what the person now sees and what the server row says. Read then
 * unread is nothing; ten flag toggles are one patch or none.
 */
import type { EmailRecord } from '../sync/index.ts';
import type { OverlayRow } from './intents.ts';
import { mergeEmail } from './merge.ts';

export interface EmailSetPlan {
  update: Record<string, Record<string, unknown>>;
  destroy: string[];
}

export function planEmailSet(serverRows: ReadonlyMap<string, EmailRecord>, overlays: readonly OverlayRow[]): EmailSetPlan {
  const byEmail = new Map<string, OverlayRow[]>();
  for (const o of overlays) if (o.type === 'Email' && !o.done) byEmail.set(o.objectId, [...(byEmail.get(o.objectId) ?? []), o]);
  const update: EmailSetPlan['update'] = {};
  const destroy: string[] = [];
  for (const [id, list] of byEmail) {
    const server = serverRows.get(id);
    // Not in the mirror (destroyed on the server meanwhile): nothing to send for it.
    if (!server) continue;
    const wanted = mergeEmail(server, list);
    if (!wanted) {
      destroy.push(id);
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const k of new Set([...Object.keys(server.keywords), ...Object.keys(wanted.keywords)])) {
      const want = wanted.keywords[k] === true;
      if (want !== (server.keywords[k] === true)) patch[`keywords/${k}`] = want ? true : null;
    }
    for (const m of new Set([...Object.keys(server.mailboxIds), ...Object.keys(wanted.mailboxIds)])) {
      const want = wanted.mailboxIds[m] === true;
      if (want !== (server.mailboxIds[m] === true)) patch[`mailboxIds/${m}`] = want ? true : null;
    }
    if (Object.keys(patch).length) update[id] = patch;
  }
  return { update, destroy };
}
