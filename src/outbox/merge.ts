/**
 * Reads merge overlays over server rows (pure functions; the rows stay exactly as the
 * server sent them). Overlays apply in the order they were made.
 */
import type { EmailRecord, MailboxRecord } from '../sync/index.ts';
import type { OverlayRow } from './intents.ts';

/** The email as the person sees it, or null when an overlay destroyed it. */
export function mergeEmail(row: EmailRecord, overlays: readonly OverlayRow[]): EmailRecord | null {
  let keywords = row.keywords;
  let mailboxIds = row.mailboxIds;
  for (const o of sorted(overlays)) {
    // Ids are unique per type only (RFC 8620 §1.2): a folder's overlay is not this email's.
    if (o.type !== 'Email') continue;
    const p = o.patch;
    if (p.destroyed) return null;
    if (p.keywords) {
      keywords = { ...keywords };
      for (const [k, on] of Object.entries(p.keywords)) {
        if (on) keywords[k] = true;
        else delete keywords[k];
      }
    }
    if (p.mailboxIds) mailboxIds = p.mailboxIds;
  }
  if (keywords === row.keywords && mailboxIds === row.mailboxIds) return row;
  return { ...row, keywords, mailboxIds };
}

/**
 * Mailboxes as the person sees them: local creations added, renames/moves applied,
 * deletions hidden, and unread/total counts adjusted by the emails whose overlays changed
 * them (the server's counts stay the base: never counted from rows).
 */
export function mergeMailboxes(
  mailboxes: readonly MailboxRecord[],
  overlays: readonly OverlayRow[],
  changedEmails: readonly { before: EmailRecord; after: EmailRecord | null }[],
): MailboxRecord[] {
  const byId = new Map(mailboxes.map((m) => [m.id, { ...m }]));
  for (const o of sorted(overlays)) {
    if (o.type !== 'Mailbox') continue;
    const p = o.patch;
    const existing = byId.get(o.objectId);
    if (p.created && !existing) {
      byId.set(o.objectId, {
        accountId: o.accountId,
        id: o.objectId,
        name: p.created.name,
        parentId: p.created.parentId,
        role: null,
        sortOrder: 0,
        totalEmails: 0,
        unreadEmails: 0,
        totalThreads: 0,
        unreadThreads: 0,
        isSubscribed: true,
        myRights: {
          mayReadItems: true,
          mayAddItems: true,
          mayRemoveItems: true,
          maySetSeen: true,
          maySetKeywords: true,
          mayCreateChild: true,
          mayRename: true,
          mayDelete: true,
          maySubmit: true,
        },
      });
      continue;
    }
    if (!existing) continue;
    if (p.destroyed) byId.delete(o.objectId);
    if (p.name !== undefined) existing.name = p.name;
    if (p.parentId !== undefined) existing.parentId = p.parentId;
  }
  for (const { before, after } of changedEmails) {
    const unreadBefore = !before.keywords.$seen;
    const unreadAfter = after ? !after.keywords.$seen : false;
    for (const id of Object.keys(before.mailboxIds)) {
      const m = byId.get(id);
      if (!m) continue;
      if (!after?.mailboxIds[id]) m.totalEmails = Math.max(0, m.totalEmails - 1);
      if (unreadBefore && (!after?.mailboxIds[id] || !unreadAfter)) m.unreadEmails = Math.max(0, m.unreadEmails - 1);
    }
    for (const id of Object.keys(after?.mailboxIds ?? {})) {
      const m = byId.get(id);
      if (!m) continue;
      if (!before.mailboxIds[id]) m.totalEmails += 1;
      if (unreadAfter && (!before.mailboxIds[id] || !unreadBefore)) m.unreadEmails += 1;
    }
  }
  return [...byId.values()];
}

function sorted(overlays: readonly OverlayRow[]): OverlayRow[] {
  return [...overlays].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}
