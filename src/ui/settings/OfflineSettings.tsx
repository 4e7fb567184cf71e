/**
 * Settings → Offline: which mail's text this device keeps (days, folders, room), which
 * attachments (size, days) and their room, and how often to check for mail. Every change is told to the sync at
 * once (syncNow): the engine reads the choice at each body pass, so it applies within one
 * cycle, downloading what was added and freeing what was left out.
 */
import { useState } from 'react';
import { writeAttachmentSettings } from '../conversation/attachmentSettings.ts';
import { AttachmentChoice } from './AttachmentChoice.tsx';
import { FlightPanel } from './FlightPanel.tsx';
import { offlineLeftOut, writeSetting, writeSyncSettings } from '../../store/index.ts';
import { syncNow } from '../bridge/mailSync.ts';
import { mailDb } from '../data/db.ts';
import { offlineScopeText, useOfflineChoice } from '../status/offlineScope.ts';
import { bytesText, useStorage } from '../status/useStorage.ts';
import { storageWords } from '../status/storageWords.ts';

const DAYS = [7, 30, 90] as const;
const MB = 1024 * 1024;
const ROOMS = [250 * MB, 500 * MB, 1024 * MB, 2048 * MB, 5120 * MB];

export function OfflineSettings({ accountId }: { accountId: string }) {
  const db = mailDb();
  const choice = useOfflineChoice(accountId);
  const storage = useStorage(accountId);
  // What was just clicked shows at once, before the stored choice reads back.
  const [clicked, setClicked] = useState<Record<string, boolean>>({});
  if (!choice) return null;
  const { sync, mailboxes, leftOut, attachmentBudgetBytes } = choice;
  const changed = (write: Promise<void>) => void write.then(() => syncNow(accountId));
  const keep = (mailboxId: string, kept: boolean) => {
    setClicked((c) => ({ ...c, [mailboxId]: kept }));
    changed(writeSetting(db, offlineLeftOut(accountId), kept ? leftOut.filter((id) => id !== mailboxId) : [...leftOut, mailboxId]));
  };
  return (
    <section aria-labelledby="offline-title">
      <h3 id="offline-title">Offline</h3>
      <p>{offlineScopeText(choice)}</p>
      <FlightPanel accountId={accountId} used={storage.used} />
      <p>
        {storageWords(storage)}{' '}
        {storage.persisted === false ? 'The browser may clear it when space runs low.' : storage.persisted ? 'The browser keeps it.' : ''}
      </p>
      <label>
        Mail readable offline
        <select
          value={sync.offlineWindowDays === null ? 'all' : String(sync.offlineWindowDays)}
          onChange={(e) => changed(writeSyncSettings(db, { offlineWindowDays: e.target.value === 'all' ? null : Number(e.target.value) }))}
        >
          {DAYS.map((d) => (
            <option key={d} value={d}>
              The last {d} days
            </option>
          ))}
          {sync.offlineWindowDays !== null && !DAYS.includes(sync.offlineWindowDays as (typeof DAYS)[number]) && (
            <option value={sync.offlineWindowDays}>The last {sync.offlineWindowDays} days</option>
          )}
          <option value="all">All mail</option>
        </select>
      </label>
      <label>
        Room for message text
        <select
          value={sync.bodyBudgetBytes === null ? 'auto' : String(sync.bodyBudgetBytes)}
          onChange={(e) => changed(writeSyncSettings(db, { bodyBudgetBytes: e.target.value === 'auto' ? null : Number(e.target.value) }))}
        >
          <option value="auto">Automatic (up to 2 GB)</option>
          {[...new Set([...ROOMS, ...(sync.bodyBudgetBytes === null ? [] : [sync.bodyBudgetBytes])])].map((b) => (
            <option key={b} value={b}>
              {bytesText(b)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Folders kept offline</legend>
        {mailboxes.map((m) => (
          <label key={m.id}>
            <input type="checkbox" checked={clicked[m.id] ?? !leftOut.includes(m.id)} onChange={(e) => keep(m.id, e.target.checked)} />{' '}
            {m.name}
          </label>
        ))}
      </fieldset>
      <AttachmentChoice sync={sync} change={(settings) => changed(writeSyncSettings(db, settings))} />
      <label>
        Room for attachments kept offline (MB)
        <input
          type="number"
          min={0}
          max={100_000}
          value={Math.round(attachmentBudgetBytes / MB)}
          onChange={(e) => void writeAttachmentSettings(accountId, { budgetBytes: Math.max(0, Number(e.target.value)) * MB })}
        />
      </label>
      <label>
        Check for mail every (seconds, when the server cannot push)
        <input
          type="number"
          min={2}
          max={3600}
          value={Math.round(sync.pollIntervalMs / 1000)}
          onChange={(e) => void writeSyncSettings(db, { pollIntervalMs: Number(e.target.value) * 1000 })}
        />
      </label>
    </section>
  );
}
