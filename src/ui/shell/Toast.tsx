import type { Toast } from './triage.ts';

/** What the last action did, with its Undo while it can be undone (inside the shell's live region; comes with the chrome). */
export function ToastView({ toast }: { toast: Toast }) {
  return (
    <p className="toast">
      {toast.words}
      {toast.undo && (
        <>
          {' · '}
          <button type="button" onClick={toast.undo}>
            Undo
          </button>
        </>
      )}
    </p>
  );
}
