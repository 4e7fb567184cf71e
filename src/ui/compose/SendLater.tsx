/**
 * "Send later" in the composer: presets and a date-time picker, offered only when the
 * server holds mail (its maxDelayedSend through the host, kept for offline), and limited
 * to it. The chosen time goes with the send intent; the server keeps the hold. Scheduling
 * on this device alone (no FUTURERELEASE) is not offered: the mail would go only while
 * this device is online at that time.
 */
import { useState } from 'react';
import { delayedSendLimitOf } from '../../store/index.ts';
import { useKeptFigure } from './keptFigure.ts';
import { localInputValue, pickedTime, sendLaterPresets } from './sendLater.ts';

export function SendLater({ accountId, onSchedule }: { accountId: string; onSchedule: (at: number) => void }) {
  const limit = useKeptFigure(accountId, delayedSendLimitOf(accountId), (s) => s.maxDelayedSend);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!limit) return null;
  const now = Date.now();
  const schedule = () => {
    const picked = pickedTime(value, Date.now(), limit);
    if ('problem' in picked) return setProblem(picked.problem);
    onSchedule(picked.at);
  };
  return (
    <span className="send-later">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Send later…
      </button>
      {open && (
        <div role="group" aria-label="Send later" className="send-later-panel">
          {sendLaterPresets(now, limit).map((p) => (
            <button key={p.label} type="button" onClick={() => onSchedule(p.at)}>
              {p.label}
            </button>
          ))}
          <label>
            Date and time
            <input
              type="datetime-local"
              step={1}
              min={localInputValue(now)}
              max={localInputValue(now + limit * 1000)}
              value={value}
              onChange={(e) => (setValue(e.target.value), setProblem(null))}
            />
          </label>
          <button type="button" onClick={schedule}>
            Schedule
          </button>
          {problem && (
            <p role="alert" className="error">
              {problem}
            </p>
          )}
        </div>
      )}
    </span>
  );
}
