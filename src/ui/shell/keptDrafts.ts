/**
 * Which drafts kept on this device "Drafts on this device" lists, and what it learns about
 * them from the mirror's Drafts folder. Pure.
 * - Listed while the folder holds no copy of it (by the copy's id, or the composition's
 *   Message-ID): else the folder shows it, and opens this one. A draft shows once.
 * - Seen there once: remembered (`seenOnServer`), so a copy gone is told from one that
 *   has not come yet.
 * - Gone from the folder after it was seen, and unchanged here since its save landed: it
 *   was sent, discarded or replaced on another device, and goes from this one too.
 */
import type { DraftRow } from '../../store/index.ts';

export interface KeptDrafts {
  list: DraftRow[];
  /** To mark seenOnServer. */
  seen: string[];
  /** To delete. */
  gone: string[];
}

/** `inFolder`: the ids and Message-IDs of the mirror's Drafts folder. */
export function whichKeptDrafts(rows: readonly DraftRow[], inFolder: ReadonlySet<string>): KeptDrafts {
  const inMirror = (r: DraftRow) => {
    const messageId = (r as { content?: { draftMessageId?: string } }).content?.draftMessageId;
    return (!!r.serverId && inFolder.has(r.serverId)) || (!!messageId && inFolder.has(messageId));
  };
  const unchanged = (r: DraftRow) => r.landedAt !== undefined && r.updatedAt <= r.landedAt;
  const gone = (r: DraftRow) => !inMirror(r) && unchanged(r) && r.seenOnServer === true;
  return {
    list: rows.filter((r) => !inMirror(r) && !gone(r)),
    seen: rows.filter((r) => inMirror(r) && !r.seenOnServer).map((r) => r.id),
    gone: rows.filter(gone).map((r) => r.id),
  };
}
