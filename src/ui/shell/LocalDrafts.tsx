/**
 * "Drafts on this device": drafts kept in db.drafts whose server copy is not in the mirror
 * (else the Drafts folder shows it: a draft shows once), newest first, each opening compose.
 * A later part of the shell (shell/later.tsx): in the folder pane from the frame after
 * the first rows, so its read is not part of the start path either.
 */
import { openCompose } from '../compose/store.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

export function LocalDrafts({ accountId }: { accountId: string }) {
  const db = mailDb();
  const localDrafts = useLiveQuery(async () => {
    const rows = await db.drafts
      .where('[accountId+updatedAt]')
      .between([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER])
      .reverse()
      .toArray();
    const copies = await db.emails.bulkGet(rows.map((r) => [accountId, r.serverId ?? ''] as [string, string]));
    // Once the mirror holds its server copy, the Drafts folder shows it (and opens this one).
    return rows.filter((_, i) => !copies[i]);
  }, [accountId]);
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
