/**
 * The status bar's "This device": storage used, how much of the offline choice is on the
 * device (the same counts as Settings' "Ready for the flight"), what storage running
 * short removed, and the offline choice itself, in words.
 */
import { getSyncProgress } from '../../store/reads.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { flightCounts, flightWords, pressureWords } from './flightWords.ts';
import { offlineScopeText, useOfflineChoice } from './offlineScope.ts';
import { storageWords } from './storageWords.ts';
import { useStorage } from './useStorage.ts';

export function DevicePanel({ accountId }: { accountId: string }) {
  const storage = useStorage(accountId);
  const choice = useOfflineChoice(accountId);
  const progress = useLiveQuery(() => getSyncProgress(mailDb(), accountId), [accountId]);
  const counts =
    progress && flightCounts({ progress, bodyBytes: storage.bodyBytes ?? 0, blobBytes: storage.blobBytes ?? 0, used: storage.used });
  const pressure = pressureWords(progress?.pressure, Date.now());
  return (
    <section className="outbox" aria-label="This device">
      <p>{storageWords(storage)}</p>
      {counts && <p>Your offline choice on this device: {flightWords(counts)}</p>}
      {pressure && <p>{pressure}</p>}
      {choice && <p>{offlineScopeText(choice)} Change it in Settings.</p>}
    </section>
  );
}
