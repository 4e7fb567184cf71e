import { useEffect, useState } from 'react';
import { discardItem, retryItem, undoSend } from '../../outbox/enqueue.ts';
import { dismissNotice, listNotices, type OutboxView } from '../../outbox/queueReads.ts';
import { getSyncProgress, getSyncStatus } from '../../store/reads.ts';
import { syncNow } from '../bridge/mailSync.ts';
import { undoAction } from '../data/actions.ts';
import { useWorkerAnswers } from '../bridge/workerHealth.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useBackOnlineAt, useOnline } from '../data/useOnline.ts';
import { InstallButton } from './InstallButton.tsx';
import { outboxLines, type OutboxLine } from './outboxLines.ts';
import { readOutbox } from './readOutbox.ts';
import { Scheduled } from './Scheduled.tsx';
import { statusWords } from './statusWords.ts';
import { useMirroredDuringFirstSync } from './useMirrored.ts';
import { DevicePanel } from './DevicePanel.tsx';

/** Re-renders every `ms` so "synced N s ago" stays true. */
function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Stops a send in its undo window and puts the message back among the drafts on this device. */
async function undoAndKeep(intentId: string): Promise<void> {
  const db = mailDb();
  const item = await db.outbox.get(intentId);
  if (!(await undoSend(db, intentId))) return;
  const intent = item?.intent as { kind?: string; draftId?: string; content?: unknown } | undefined;
  if (item && intent?.kind === 'send' && intent.draftId) {
    await db.drafts.put({ id: intent.draftId, accountId: item.accountId, updatedAt: Date.now(), content: intent.content, rich: false });
  }
}

/** What sync is doing, in words; the outbox; and notices, in a live region. */
export function StatusBar({ accountId }: { accountId: string }) {
  const now = useNow(1000);
  const db = mailDb();
  const status = useLiveQuery(() => getSyncStatus(db, accountId), [accountId]);
  const progress = useLiveQuery(() => getSyncProgress(db, accountId), [accountId]);
  const outbox = useLiveQuery(() => readOutbox(db, accountId), [accountId]);
  const items = outbox?.items ?? [];
  const notices = useLiveQuery(() => listNotices(db, accountId), [accountId]) ?? [];
  const [showOutbox, setShowOutbox] = useState(false);
  const [showDevice, setShowDevice] = useState(false);
  const [showScheduled, setShowScheduled] = useState(false);
  const online = useOnline();
  const backOnlineAt = useBackOnlineAt();
  const workerAnswers = useWorkerAnswers();
  const mirrored = useMirroredDuringFirstSync(accountId, progress);
  const lines = outbox ? outboxLines(items, { emails: outbox.emails, folders: outbox.folders, online, now: Date.now() }) : [];
  // As many as the Outbox lists (failed ones wait for the person). Changes that undo each
  // other list no line, but until the flusher has checked them with the server they still
  // wait (the mirror may not show yet what the first one did): counted, never "nothing".
  const unlisted = lines.length === 0 ? items.filter((i) => i.state !== 'failed').length : 0;
  const waiting = lines.filter((l) => !l.items.every((i) => i.state === 'failed')).length || unlisted;
  const said = statusWords({ status, progress, mirrored, online, backOnlineAt, workerAnswers, waiting, now });
  return (
    <footer className="statusbar">
      <span className={`sync-status ${status?.kind ?? 'idle'}`} role="status" aria-live="polite">
        {said}
      </span>
      <button type="button" onClick={() => syncNow(accountId)}>
        Check now
      </button>
      <button type="button" aria-expanded={showOutbox} onClick={() => setShowOutbox((v) => !v)}>
        Outbox{lines.length ? ` (${lines.length})` : unlisted ? ` (${unlisted})` : ''}
      </button>
      <button type="button" aria-expanded={showScheduled} onClick={() => setShowScheduled((v) => !v)}>
        Scheduled
      </button>
      <button type="button" aria-expanded={showDevice} onClick={() => setShowDevice((v) => !v)}>
        This device
      </button>
      <InstallButton />
      {lines
        .filter((l) => l.held)
        .map((l) => (
          <p key={l.key} className="held" role="status">
            {l.words}: {l.state} <LineButtons accountId={accountId} line={l} />
          </p>
        ))}
      <div className="notices" aria-live="assertive">
        {notices.map((n) => (
          <p key={n.id} role="alert" className="notice">
            {n.text}{' '}
            <button type="button" onClick={() => void dismissNotice(db, n.id)}>
              Dismiss
            </button>
          </p>
        ))}
      </div>
      {showOutbox && (
        <section className="outbox" aria-label="Outbox">
          {lines.length === 0 && unlisted ? (
            <p>Checking {unlisted === 1 ? 'a change' : `${unlisted} changes`} that undo each other with the server…</p>
          ) : lines.length === 0 ? (
            <p>Nothing waiting: everything reached the server.</p>
          ) : (
            <ul>
              {lines.map((l) => (
                <li key={l.key}>
                  {l.words} — <strong>{l.state}</strong> <LineButtons accountId={accountId} line={l} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {showScheduled && <Scheduled accountId={accountId} />}
      {showDevice && <DevicePanel accountId={accountId} />}
    </footer>
  );
}

/** A line's Undo, Retry and Discard, acting on every item the line stands for. */
function LineButtons({ accountId, line }: { accountId: string; line: OutboxLine }) {
  const db = mailDb();
  const all = (f: (i: OutboxView) => Promise<unknown>) => () => void Promise.all(line.items.map(f));
  const undoable = line.items.filter((i) => i.before);
  const failed = line.items.some((i) => i.state === 'failed');
  return (
    <>
      {line.held && (
        <button type="button" onClick={all((i) => undoAndKeep(i.id))}>
          Undo
        </button>
      )}
      {undoable.length > 0 && (
        <button
          type="button"
          onClick={() => void Promise.all(undoable.map((i) => undoAction({ accountId, intentId: i.id, before: i.before! })))}
        >
          Undo
        </button>
      )}
      {failed && (
        <button type="button" onClick={all((i) => (i.state === 'failed' ? retryItem(db, i.id) : Promise.resolve()))}>
          Retry
        </button>
      )}
      {line.items.some((i) => i.state === 'failed' || i.state === 'waiting') && (
        <button
          type="button"
          onClick={all((i) => (i.state === 'failed' || i.state === 'waiting' ? discardItem(db, i.id) : Promise.resolve()))}
        >
          Discard
        </button>
      )}
    </>
  );
}
