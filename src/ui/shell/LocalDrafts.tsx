/**
 * "Drafts on this device": drafts kept in db.drafts with no server copy in the mirror's
 * Drafts folder (by id or by the composition's Message-ID; else the folder shows it: a
 * draft shows once; keptDrafts.ts), newest first, each opening compose.
 * A later part of the shell (shell/later.tsx): in the folder pane from the frame after
 * the first rows, so its read is not part of the start path either.
 */
import { useEffect } from 'react';
import { openCompose } from '../compose/store.ts';
import { whichKeptDrafts } from './keptDrafts.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

export function LocalDrafts({ accountId }: { accountId: string }) {
  const db = mailDb();
  const kept = useLiveQuery(async () => {
    const rows = await db.drafts
      .where('[accountId+updatedAt]')
      .between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER])
      .reverse()
      .toArray();
    if (!rows.length) return { list: rows, seen: [], gone: [] };
    // The mirror's Drafts folder: its emails' ids and Message-IDs (a composition's copies carry its draftMessageId).
    const folders = await db.mailboxes.where(':id').between([accountId, ''], [accountId, '\uffff']).toArray();
    const draftsId = folders.find((m) => m.role === 'drafts')?.id;
    const lines = draftsId
      ? await db.threadInMailbox
          .where('[accountId+mailboxId+receivedMs+threadId]')
          .between([accountId, draftsId, -Infinity, ''], [accountId, draftsId, Infinity, '\uffff'])
          .toArray()
      : [];
    const emails = await db.emails.bulkGet(lines.flatMap((l) => l.emailIds).map((id) => [accountId, id] as [string, string]));
    const shown = new Set(emails.flatMap((e) => (e ? [e.id, ...(e.messageId ?? [])] : [])));
    return whichKeptDrafts(rows, shown);
  }, [accountId]);
  useEffect(() => {
    if (kept?.seen.length) void db.drafts.bulkUpdate(kept.seen.map((key) => ({ key, changes: { seenOnServer: true } })));
    if (kept?.gone.length) void db.drafts.bulkDelete(kept.gone);
  }, [db, kept]);
  const localDrafts = kept?.list;
  if (!localDrafts || localDrafts.length === 0) return null;
  return (
    <section className="local-drafts" aria-label="Drafts on this device">
      <h2>Drafts on this device</h2>
      <ul>
        {localDrafts.map((d) => {
          const content = (d as { content?: { subject?: string } }).content;
          return (
            <li key={d.id}>
              <button type="button" onClick={() => openCompose({ mode: 'new', draftId: d.id })}>
                {content?.subject || '(no subject)'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
