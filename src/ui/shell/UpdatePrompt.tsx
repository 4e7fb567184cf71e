/**
 * "Update ready: reload", once a new version of the app waits (bridge/registerServiceWorker.ts).
 * A later part of the shell (shell/later.tsx): the frame after the first rows.
 */
import { useUpdateState } from '../bridge/registerServiceWorker.ts';

export function UpdatePrompt() {
  const update = useUpdateState();
  if (!update.updateReady) return null;
  return (
    <button type="button" className="update" onClick={update.apply}>
      Update ready: reload
    </button>
  );
}
