/**
 * Settings → Offline, "Ready for the flight": how much of the offline choice is on this
 * device (messages, attachments, their size), what storage running short removed, and
 * "Download everything now", which asks the host's engine (src/host requests.ts
 * `downloadScope`) to fetch the rest at once; the counts then move as it downloads (they
 * are the mirror's progress row, read live).
 */
import { useState } from 'react';
import { getSyncProgress } from '../../store/reads.ts';
import { ask } from '../bridge/ask.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { flightCounts, flightWords, pressureWords } from '../status/flightWords.ts';

export function FlightPanel({ accountId, used }: { accountId: string; used: number | undefined }) {
  const progress = useLiveQuery(() => getSyncProgress(mailDb(), accountId), [accountId]);
  const usage = useLiveQuery(() => mailDb().usage.get(accountId), [accountId]);
  const [said, setSaid] = useState<string | null>(null);
  const counts = flightCounts({ progress, bodyBytes: usage?.bodyBytes ?? 0, blobBytes: usage?.blobBytes ?? 0, used });
  const pressure = pressureWords(progress?.pressure, Date.now());
  const downloadNow = () => {
    setSaid('Asking for the rest of your offline choice…');
    ask(accountId, 'downloadScope', {}).then(
      ({ started }) =>
        setSaid(started ? 'Downloading the rest of your offline choice now.' : 'Connecting to the mail server: the download starts then.'),
      (error: unknown) => setSaid(`Nothing could be downloaded now: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  return (
    <section aria-labelledby="flight-title" className="flight">
      <h4 id="flight-title">Ready for the flight</h4>
      <p role="status" aria-label="On this device">
        {progress === undefined ? 'Counting what is on this device…' : flightWords(counts)}
      </p>
      {pressure && <p>{pressure}</p>}
      {/* Enabled when all seems here too: a pass then checks again (mail may have come meanwhile). */}
      <button type="button" onClick={downloadNow}>
        Download everything now
      </button>
      {said && <p className="muted small">{said}</p>}
    </section>
  );
}
