import { useEffect, useState } from 'react';
import { discardItem, retryItem, undoSend } from '../../outbox/enqueue.ts';
import { dismissNotice, listNotices, outboxItems } from '../../outbox/reads.ts';
import { getSyncProgress, getSyncStatus } from '../../store/reads.ts';
import { syncNow } from '../bridge/mailSync.ts';
import { undoAction } from '../data/actions.ts';
import { useWorkerAnswers } from '../bridge/workerHealth.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { useBackOnlineAt, useOnline } from '../data/useOnline.ts';
import { InstallButton } from './InstallButton.tsx';
import { statusWords } from './statusWords.ts';
import { useMirroredDuringFirstSync } from './useMirrored.ts';
import { bytesText, useStorage } from './useStorage.ts';
import { offlineScopeText, useOfflineChoice } from './offlineScope.ts';

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
  const items = useLiveQuery(() => outboxItems(db, accountId), [accountId]) ?? [];
  const notices = useLiveQuery(() => listNotices(db, accountId), [accountId]) ?? [];
  const [showOutbox, setShowOutbox] = useState(false);
  const [showDevice, setShowDevice] = useState(false);
  const online = useOnline();
  const backOnlineAt = useBackOnlineAt();
  const workerAnswers = useWorkerAnswers();
  const mirrored = useMirroredDuringFirstSync(accountId, progress);
  const waiting = items.filter((i) => i.state !== 'failed').length;
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
        Outbox{items.length ? ` (${items.length})` : ''}
      </button>
      <button type="button" aria-expanded={showDevice} onClick={() => setShowDevice((v) => !v)}>
        This device
      </button>
      <InstallButton />
      {items
        .filter((i) => i.state === 'held')
        .map((i) => (
          <p key={i.id} className="held" role="status">
            {i.summary}: sending in {Math.max(0, Math.ceil(((i.sendAt ?? now) - Date.now()) / 1000))} s{' '}
            <button type="button" onClick={() => void undoAndKeep(i.id)}>
              Undo
            </button>
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
          {items.length === 0 ? (
            <p>Nothing waiting: everything reached the server.</p>
          ) : (
            <ul>
              {items.map((i) => (
                <li key={i.id}>
                  {i.summary} — <strong>{i.state === 'held' ? 'sending soon' : i.state}</strong>
                  {i.reason ? `: ${i.reason}` : ''}{' '}
                  {i.state === 'held' && (
                    <button type="button" onClick={() => void undoAndKeep(i.id)}>
                      Undo
                    </button>
                  )}
                  {i.before && (
                    <button type="button" onClick={() => void undoAction({ accountId, intentId: i.id, before: i.before! })}>
                      Undo
                    </button>
                  )}
                  {i.state === 'failed' && (
                    <button type="button" onClick={() => void retryItem(db, i.id)}>
                      Retry
                    </button>
                  )}
                  {(i.state === 'failed' || i.state === 'waiting') && (
                    <button type="button" onClick={() => void discardItem(db, i.id)}>
                      Discard
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {showDevice && <DevicePanel accountId={accountId} />}
    </footer>
  );
}

/** Storage used and what is kept offline (the offline scope), in words. */
function DevicePanel({ accountId }: { accountId: string }) {
  const storage = useStorage(accountId);
  const choice = useOfflineChoice(accountId);
  return (
    <section className="outbox" aria-label="This device">
      <p>
        Storage used: {bytesText(storage.used)} of {bytesText(storage.quota)}
        {storage.bodyBytes !== undefined
          ? ` (message text ${bytesText(storage.bodyBytes)}, attachments ${bytesText(storage.blobBytes)})`
          : ''}
        .
      </p>
      {choice && <p>{offlineScopeText(choice)} Change it in Settings.</p>}
    </section>
  );
}
