/**
 * Settings → Offline: which attachments the device keeps by itself (each up to a size, of
 * mail of the last days), beside the text. Stored in the SYNC setting; the engine reads it
 * at every attachment pass, so syncNow applies it within one cycle (downloading what was
 * added, removing what falls outside).
 */
import type { SyncSettings } from '../../store/settings.ts';

const MB = 1024 * 1024;
const SIZES = [1 * MB, 5 * MB, 25 * MB] as const;
const DAYS = [7, 30, 90] as const;

export function AttachmentChoice({ sync, change }: { sync: SyncSettings; change: (settings: Partial<SyncSettings>) => void }) {
  return (
    <>
      <label>
        Attachments kept offline, each up to
        <select
          value={sync.attachmentMaxBytes === null ? 'none' : String(sync.attachmentMaxBytes)}
          onChange={(e) => change({ attachmentMaxBytes: e.target.value === 'none' ? null : Number(e.target.value) })}
        >
          {[...new Set([...SIZES, ...(sync.attachmentMaxBytes === null ? [] : [sync.attachmentMaxBytes])])].map((b) => (
            <option key={b} value={b}>
              {Math.round(b / MB)} MB
            </option>
          ))}
          <option value="none">Any size</option>
        </select>
      </label>
      <label>
        Attachments of mail received in
        <select
          value={sync.attachmentWindowDays === null ? 'all' : String(sync.attachmentWindowDays)}
          onChange={(e) => change({ attachmentWindowDays: e.target.value === 'all' ? null : Number(e.target.value) })}
        >
          {[...new Set([...DAYS, ...(sync.attachmentWindowDays === null ? [] : [sync.attachmentWindowDays])])].map((d) => (
            <option key={d} value={d}>
              The last {d} days
            </option>
          ))}
          <option value="all">All mail</option>
        </select>
      </label>
    </>
  );
}
